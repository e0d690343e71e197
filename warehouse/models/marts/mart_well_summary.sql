-- One row per well: identity, first and last producing period, producing days, cumulatives (kbbl, MMcf), the
-- current calendar-day rates (the last reported month's, over its reported days, so a month reported up to the 17th
-- is not diluted by the 13 days not yet reported; the month and its days are columns), the oil decline parameters and the EUR (docs/domain.md: cumulative to
-- date + the fit's remaining volume until its rate reaches the economic limit or the time cap eur_time_cap_years,
-- int_decline_fits; not bounded by the forecast horizon), with the remaining reserves, the P10 (high) / P90 (low) EUR
-- and where and why the EUR stops. EUR is NULL for a stream whose history could not be fit.
-- The well's status at the data's as-of date (int_well_status): remaining reserves count from that date, so the P50
-- forecast volume of the months a shut-in well skipped before it is taken off, and an abandoned well has none (EUR =
-- cumulative). Rebuilt whole on every refresh (not incremental): the as-of date moves with other wells' new periods.

with

production as (
    select * from {{ ref('stg_well_production') }}
),

well_attributes as (
    select * from {{ ref('int_wells') }}
),

monthly as (
    select * from {{ ref('mart_production_monthly') }}
),

wells as (
    select
        well_code,
        min(case when oil_volume_kbbl > 0 or gas_volume_mmcf > 0 then production_period end) as first_production_date,
        max(case when oil_volume_kbbl > 0 or gas_volume_mmcf > 0 then production_period end) as last_production_date,
        sum(days_on_production) as producing_days,
        sum(coalesce(oil_volume_kbbl, 0)) as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) as cum_gas_mmcf,
        sum(coalesce(water_volume_kbbl, 0)) as cum_water_kbbl
    from production
    group by well_code
),

last_month as (
    select
        well_code,
        max(month) as month
    from monthly
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
    -- from the fit's lists (int_declining_curves starts at the as-of month)
    select
        forecast.well_code,
        forecast.stream,
        sum(forecast.rate_p50 * {{ days_in_month('forecast.month') }}) as volume_p50,
        sum(forecast.rate_p10 * {{ days_in_month('forecast.month') }}) as volume_p10,
        sum(forecast.rate_p90 * {{ days_in_month('forecast.month') }}) as volume_p90
    from (
        select
            well_code,
            stream,
            unnest(forecast_months) as month,
            unnest(forecast_p50) as rate_p50,
            unnest(forecast_p10) as rate_p10,
            unnest(forecast_p90) as rate_p90
        from {{ ref('int_decline_fits') }}
    ) as forecast
    inner join status
        on forecast.well_code = status.well_code
    where forecast.month < status.forecast_from_month
    group by forecast.well_code, forecast.stream
),

fits as (
    select
        {{ star_except(ref('int_decline_fits'), 'fitted', ['remaining_p50', 'remaining_p10', 'remaining_p90', 'eur_end_date', 'eur_limited_by']) }},
        case
            when status.well_status = 'abandoned' then status.data_as_of_date
            else fitted.eur_end_date
        end as eur_end_date,
        case when status.well_status = 'abandoned' then 'abandoned' else fitted.eur_limited_by end as eur_limited_by,
        case
            when status.well_status = 'abandoned' then 0
            else greatest(fitted.remaining_p50 - coalesce(skipped.volume_p50, 0), 0)
        end as remaining_p50,
        case
            when status.well_status = 'abandoned' then 0
            else greatest(fitted.remaining_p10 - coalesce(skipped.volume_p10, 0), 0)
        end as remaining_p10,
        case
            when status.well_status = 'abandoned' then 0
            else greatest(fitted.remaining_p90 - coalesce(skipped.volume_p90, 0), 0)
        end as remaining_p90
    from {{ ref('int_decline_fits') }} as fitted
    inner join status
        on fitted.well_code = status.well_code
    left join skipped
        on fitted.well_code = skipped.well_code
        and fitted.stream = skipped.stream
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
        wells.cum_oil_kbbl + oil.remaining_p50 as oil_eur_kbbl,
        oil.remaining_p50 as oil_remaining_kbbl,
        wells.cum_oil_kbbl + oil.remaining_p10 as oil_eur_p10_kbbl,
        wells.cum_oil_kbbl + oil.remaining_p90 as oil_eur_p90_kbbl,
        oil.eur_end_date as oil_eur_end_date,
        oil.eur_limited_by as oil_eur_limited_by,
        wells.cum_gas_mmcf + gas.remaining_p50 as gas_eur_mmcf
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
    left join fits as gas
        on wells.well_code = gas.well_code
        and gas.stream = 'gas'
)

select * from final
