-- The decline forecast per well, stream and future month, from the data's as-of month (int_well_status; none for an
-- abandoned well): the population method's where it forecasts the well (int_population_forecast: the forecast of
-- `wellhouse decline forecast`, type curves and calibrated P10-P90; method 'population'), else the well's own decline
-- fit (int_declining_curves' forecast months, residual-bootstrap band; method 'per_well_fit'), e.g. for the wells of a
-- data source too small to learn from. Rates are kbd (oil) or MMcfd (gas): for the population method the month's
-- calendar volume over its days (uptime as the well's last year), for the per-well fit the producing-day rate at full
-- uptime; P10 (high), P50, P90 (low). volume_p50 is the P50 volume of the month (kbbl or MMcf) and cum_p50 the
-- cumulative: history to date + forecast volumes.
-- Rebuilt whole on every refresh (not incremental): the as-of date moves with other wells' new periods.

with

population as (
    select * from {{ ref('int_population_forecast') }}
),

status as (
    select * from {{ ref('int_well_status') }}
),

curves as (
    select * from {{ ref('int_declining_curves') }}
),

production as (
    select * from {{ ref('stg_well_production') }}
),

to_date as (
    select
        well_code,
        sum(coalesce(oil_volume_kbbl, 0)) as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) as cum_gas_mmcf
    from production
    group by well_code
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
        'population' as method
    from population
    inner join status
        on population.well_code = status.well_code
    where population.month is not null
        and status.well_status <> 'abandoned'
),

fit_months as (
    -- int_declining_curves' forecast starts at the as-of month and leaves abandoned wells out already
    select
        curves.well_code,
        curves.stream,
        curves.production_period as month,
        curves.rate_p10,
        curves.fitted_rate as rate_p50,
        curves.rate_p90,
        curves.fitted_rate * {{ days_in_month('curves.production_period') }} as volume_p50,
        'per_well_fit' as method
    from curves
    where curves.is_forecast
        and not exists (
            select 1 from population_months
            where population_months.well_code = curves.well_code
                and population_months.stream = curves.stream
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
        forecast.method
    from forecast
    inner join to_date
        on forecast.well_code = to_date.well_code
)

select * from final
