{{ config(materialized='view') }}
-- The decline forecast per well, stream and future month, from the data's as-of month (none for an abandoned well):
-- int_decline_forecast's rows (the well's one forecast: the population method's where it forecasts the well, else the
-- per-well fit's; rates, P50 volume, uptime, method) with cum_p50, the P50 cumulative: the history's volumes to date +
-- the forecast's running sum (forecast_cum_p50). A view: the history's cumulative moves with every new day, the
-- forecast's rows do not (int_decline_forecast keeps them on a day inside the as-of month, docs/warehouse.md, "New rows
-- only"), and the addition costs less than writing every row again.

with

forecast as (
    select * from {{ ref('int_decline_forecast') }}
),

monthly as (
    select * from {{ ref('mart_production_monthly') }}
),

to_date as (
    -- the history's volumes to date, from the monthly mart (each month the sum of its accepted periods, which
    -- assert_monthly_equals_sum_of_daily checks): a row per well-month instead of per period (10 M daily rows at
    -- 10,000 wells x 1,000 days); added in month order, so that the sum is the same whichever rows each thread reads
    -- (a plain sum of one well differed in the last bit between two reads of the same snapshot at 10 M rows)
    select
        well_code,
        sum(coalesce(oil_volume_kbbl, 0) order by month) as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0) order by month) as cum_gas_mmcf
    from monthly
    group by well_code
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
            + forecast.forecast_cum_p50 as cum_p50,
        forecast.uptime,
        forecast.method
    from forecast
    inner join to_date
        on forecast.well_code = to_date.well_code
)

select * from final
