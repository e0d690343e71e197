-- The decline forecast per well, stream and future month: P10 (high), P50 and P90 (low) producing-day rates
-- (kbd for oil, MMcfd for gas; the average of the month at full uptime), the P50 volume of the month (rate x calendar days, assuming
-- full uptime; kbbl or MMcf) and the P50 cumulative (history to date + forecast volumes; kbbl or MMcf).
-- Forecasts start at the data's as-of date and an abandoned well has none: int_declining_curves' forecast months are
-- already so (int_well_status.forecast_from_month).
-- Rebuilt whole on every refresh (not incremental): the as-of date moves with other wells' new periods.

with

curves as (
    select * from {{ ref('int_declining_curves') }}
),

cumulatives as (
    select * from {{ ref('int_production_cumsum') }}
),

to_date as (
    select
        well_code,
        sum(coalesce(oil_volume_kbbl, 0)) as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) as cum_gas_mmcf
    from cumulatives
    group by well_code
),

forecast as (
    select
        curves.well_code,
        curves.stream,
        curves.production_period as month,
        curves.rate_p10,
        curves.fitted_rate as rate_p50,
        curves.rate_p90,
        curves.fitted_rate * {{ days_in_month('curves.production_period') }} as volume_p50
    from curves
    where curves.is_forecast
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
            ) as cum_p50
    from forecast
    inner join to_date
        on forecast.well_code = to_date.well_code
)

select * from final
