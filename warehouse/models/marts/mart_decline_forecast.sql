-- The decline forecast per well, stream and future month, from the data's as-of month (int_well_status; none for an
-- abandoned well): one forecast per well, the one its EUR and remaining reserves (mart_well_summary) and the decline
-- chart (int_declining_curves) use. The population method's where it forecasts the well (int_population_forecast: the
-- forecast of `wellhouse decline forecast`, type curves and calibrated P10-P90; method 'population'), else the well's
-- own decline fit (int_decline_fits' forecast months, residual-bootstrap band; method 'per_well_fit'), e.g. for the
-- wells of a data source too small to learn from. Rates are kbd (oil) or MMcfd (gas), the month's calendar volume over
-- its days: for the population method with the well's uptime of the last year (column uptime), for the per-well fit
-- at full uptime (uptime 1), so the producing-day rate is rate / uptime; P10 (high), P50, P90 (low). volume_p50 is
-- the P50 volume of the month (kbbl or MMcf) and cum_p50 the cumulative: history to date + forecast volumes.
-- Rebuilt whole on every refresh (not incremental): the as-of date moves with other wells' new periods.

with

population as (
    select * from {{ ref('int_population_forecast') }}
),

status as (
    select * from {{ ref('int_well_status') }}
),

fits as (
    select * from {{ ref('int_decline_fits') }}
),

monthly as (
    select * from {{ ref('mart_production_monthly') }}
),

to_date as (
    -- the history's volumes to date, from the monthly mart (each month the sum of its accepted periods, which
    -- assert_monthly_equals_sum_of_daily checks): a row per well-month instead of per period (10 M daily rows at
    -- 10,000 wells x 1,000 days, read on every refresh since this mart is rebuilt whole)
    select
        well_code,
        sum(coalesce(oil_volume_kbbl, 0)) as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) as cum_gas_mmcf
    from monthly
    group by well_code
),

population_wells as (
    -- the well rows: the uptime the forecast's volumes include
    select well_code, stream, uptime
    from population
    where month is null and reason is null
),

population_months as (
    select
        population.well_code,
        population.stream,
        population.month,
        population.volume_p10 / {{ days_in_month('population.month') }} as rate_p10,
        population.volume_p50 / {{ days_in_month('population.month') }} as rate_p50,
        population.volume_p90 / {{ days_in_month('population.month') }} as rate_p90,
        population.volume_p50,
        population_wells.uptime,
        'population' as method
    from population
    inner join population_wells
        on population.well_code = population_wells.well_code
        and population.stream = population_wells.stream
    inner join status
        on population.well_code = status.well_code
    where population.month is not null
        and status.well_status <> 'abandoned'
),

fit_forecast as (
    select
        well_code,
        stream,
        unnest(forecast_months) as month,
        unnest(forecast_p50) as rate_p50,
        unnest(forecast_p10) as rate_p10,
        unnest(forecast_p90) as rate_p90
    from fits
),

fit_months as (
    -- the fit's forecast months from the as-of month on (a shut-in well's months before it are left out, the curve
    -- keeping its clock), none for an abandoned well, for the wells and streams the population does not forecast
    select
        fit_forecast.well_code,
        fit_forecast.stream,
        fit_forecast.month,
        fit_forecast.rate_p10,
        fit_forecast.rate_p50,
        fit_forecast.rate_p90,
        fit_forecast.rate_p50 * {{ days_in_month('fit_forecast.month') }} as volume_p50,
        cast(1 as {{ float_type() }}) as uptime,
        'per_well_fit' as method
    from fit_forecast
    inner join status
        on fit_forecast.well_code = status.well_code
    where fit_forecast.month >= status.forecast_from_month
        and status.well_status <> 'abandoned'
        and not exists (
            select 1 from population_wells
            where population_wells.well_code = fit_forecast.well_code
                and population_wells.stream = fit_forecast.stream
        )
),

forecast as (
    select * from population_months
    union all
    select * from fit_months
),

final as (
    select
        forecast.well_code,
        forecast.stream,
        forecast.month,
        forecast.rate_p10,
        forecast.rate_p50,
        forecast.rate_p90,
        forecast.volume_p50,
        case when forecast.stream = 'oil' then to_date.cum_oil_kbbl else to_date.cum_gas_mmcf end
            + sum(forecast.volume_p50) over (
                partition by forecast.well_code, forecast.stream
                order by forecast.month
                rows between unbounded preceding and current row
            ) as cum_p50,
        forecast.uptime,
        forecast.method
    from forecast
    inner join to_date
        on forecast.well_code = to_date.well_code
)

select * from final
