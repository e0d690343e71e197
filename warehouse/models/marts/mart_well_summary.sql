-- One row per well: identity, first and last producing period, producing days, cumulatives (kbbl, MMcf), the
-- current calendar-day rates (the last reported month's that is not a negative correction, over its reported days, so
-- a month reported up to the 17th is not diluted by the 13 days not yet reported; the month and its days are
-- columns), the oil decline fit's
-- parameters (int_decline_fits: qi, Di, b) and the EUR from the well's one forecast (docs/domain.md, "EUR and
-- forecasts"): cumulative to date + the remaining volume of the forecast mart_decline_forecast shows, the population
-- method's (int_population_forecast's well row: its months, then the well's terminal decline, until the producing-day
-- rate reaches the economic limit or eur_time_cap_years after the as-of date) where it forecasts the well, else the
-- per-well fit's (int_decline_fits, to the same limit or cap from the fit's t0; oil_forecast_method says which), with
-- the P10 (high) / P90 (low) EUR and where and why the EUR stops. EUR is NULL for a stream neither forecasts.
-- The well's status at the data's as-of date (int_well_status): remaining reserves count from that date (for the
-- per-well fit, the P50 forecast volume of the months a shut-in well skipped before it is taken off), and an
-- abandoned well has none (EUR = cumulative). Rebuilt whole on every refresh (not incremental): the as-of date moves
-- with other wells' new periods; the history's totals are int_well_totals' (incremental), so this reads a row per
-- well, not every staged period.

with

wells as (
    -- the history's totals per well (the wells of stg_well_production), kept and continued by an incremental refresh
    select * from {{ ref('int_well_totals') }}
),

well_attributes as (
    select * from {{ ref('int_wells') }}
),

monthly as (
    select * from {{ ref('mart_production_monthly') }}
),

last_month as (
    -- the last reported month that is not a correction: a month with a negative oil or gas volume (NPD reports them,
    -- e.g. LILLE-FRIGG's 2001-05) nets into the cumulatives and is counted by the warn test data_rule_negative_rate,
    -- but its rate is no current rate (it read -0.024 kbd)
    select
        well_code,
        max(month) as month
    from monthly
    where coalesce(oil_volume_kbbl, 0) >= 0 and coalesce(gas_volume_mmcf, 0) >= 0
    group by well_code
),

current_rates as (
    select
        monthly.well_code,
        monthly.month as current_rate_month,
        monthly.reported_days as current_rate_days,
        monthly.oil_rate_kbd as current_oil_rate_kbd,
        monthly.gas_rate_mmcfd as current_gas_rate_mmcfd
    from monthly
    inner join last_month
        on monthly.well_code = last_month.well_code
        and monthly.month = last_month.month
),

status as (
    select * from {{ ref('int_well_status') }}
),

skipped as (
    -- forecast volumes of the months between the end of the history and the first forecast month (shut-in wells),
    -- from the fit's lists (int_declining_curves starts at the as-of month); only the lists that start before it are
    -- unnested (their months ascend), not every well's
    select
        forecast.well_code,
        forecast.stream,
        sum(forecast.rate_p50 * {{ days_in_month('forecast.month') }}) as volume_p50,
        sum(forecast.rate_p10 * {{ days_in_month('forecast.month') }}) as volume_p10,
        sum(forecast.rate_p90 * {{ days_in_month('forecast.month') }}) as volume_p90
    from (
        select
            fits.well_code,
            fits.stream,
            unnest(fits.forecast_months) as month,
            unnest(fits.forecast_p50) as rate_p50,
            unnest(fits.forecast_p10) as rate_p10,
            unnest(fits.forecast_p90) as rate_p90
        from {{ ref('int_decline_fits') }} as fits
        inner join status
            on fits.well_code = status.well_code
        where fits.forecast_months[1] < status.forecast_from_month
    ) as forecast
    inner join status
        on forecast.well_code = status.well_code
    where forecast.month < status.forecast_from_month
    group by forecast.well_code, forecast.stream
),

fits as (
    select * from {{ ref('int_decline_fits') }}
),

population as (
    -- the population forecast's well rows: remaining volumes to the economic limit or the time cap (abandoned wells
    -- and wells it cannot forecast have a reason instead)
    select * from {{ ref('int_population_forecast') }}
    where month is null and reason is null
),

reserves as (
    -- one forecast per well and stream: the population method's where it forecasts the well, else the per-well fit's
    -- (less the forecast volume of the months a shut-in well skipped); none for an abandoned well
    select
        fits.well_code,
        fits.stream,
        case
            when status.well_status = 'abandoned' then 'none'
            when population.well_code is not null then 'population'
            when fits.remaining_p50 is not null then 'per_well_fit'
        end as forecast_method,
        case
            when status.well_status = 'abandoned' then 0
            when population.well_code is not null then population.remaining_p50
            else greatest(fits.remaining_p50 - coalesce(skipped.volume_p50, 0), 0)
        end as remaining_p50,
        case
            when status.well_status = 'abandoned' then 0
            when population.well_code is not null then population.remaining_p10
            else greatest(fits.remaining_p10 - coalesce(skipped.volume_p10, 0), 0)
        end as remaining_p10,
        case
            when status.well_status = 'abandoned' then 0
            when population.well_code is not null then population.remaining_p90
            else greatest(fits.remaining_p90 - coalesce(skipped.volume_p90, 0), 0)
        end as remaining_p90,
        case
            when status.well_status = 'abandoned' then status.data_as_of_date
            when population.well_code is not null then population.eur_end_date
            else fits.eur_end_date
        end as eur_end_date,
        case
            when status.well_status = 'abandoned' then 'abandoned'
            when population.well_code is not null then population.eur_limited_by
            else fits.eur_limited_by
        end as eur_limited_by
    from fits
    inner join status
        on fits.well_code = status.well_code
    left join population
        on fits.well_code = population.well_code
        and fits.stream = population.stream
    left join skipped
        on fits.well_code = skipped.well_code
        and fits.stream = skipped.stream
),

final as (
    select
        wells.well_code,
        well_attributes.well_name,
        well_attributes.well_reference,
        well_attributes.field_code,
        well_attributes.field_name,
        well_attributes.data_source,
        wells.first_production_date,
        wells.last_production_date,
        status.data_as_of_date,
        status.well_status,
        status.months_without_production,
        wells.producing_days,
        wells.cum_oil_kbbl,
        wells.cum_gas_mmcf,
        wells.cum_water_kbbl,
        current_rates.current_rate_month,
        current_rates.current_rate_days,
        current_rates.current_oil_rate_kbd,
        current_rates.current_gas_rate_mmcfd,
        oil.model as oil_model,
        oil.qi as oil_qi_kbd,
        oil.di_nominal_per_year as oil_di_nominal_per_year,
        oil.b as oil_b,
        oil.dmin_per_year as oil_dmin_per_year,
        oil_reserves.forecast_method as oil_forecast_method,
        wells.cum_oil_kbbl + oil_reserves.remaining_p50 as oil_eur_kbbl,
        oil_reserves.remaining_p50 as oil_remaining_kbbl,
        wells.cum_oil_kbbl + oil_reserves.remaining_p10 as oil_eur_p10_kbbl,
        wells.cum_oil_kbbl + oil_reserves.remaining_p90 as oil_eur_p90_kbbl,
        oil_reserves.eur_end_date as oil_eur_end_date,
        oil_reserves.eur_limited_by as oil_eur_limited_by,
        wells.cum_gas_mmcf + gas_reserves.remaining_p50 as gas_eur_mmcf
    from wells
    left join well_attributes
        on wells.well_code = well_attributes.well_code
    left join status
        on wells.well_code = status.well_code
    left join current_rates
        on wells.well_code = current_rates.well_code
    left join fits as oil
        on wells.well_code = oil.well_code
        and oil.stream = 'oil'
    left join reserves as oil_reserves
        on wells.well_code = oil_reserves.well_code
        and oil_reserves.stream = 'oil'
    left join reserves as gas_reserves
        on wells.well_code = gas_reserves.well_code
        and gas_reserves.stream = 'gas'
)

select * from final
