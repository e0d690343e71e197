{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- The decline forecast per well, stream and future month: P10 (high), P50 and P90 (low) producing-day rates
-- (kbd for oil, MMcfd for gas; the average of the month at full uptime), the P50 volume of the month (rate x calendar days, assuming
-- full uptime; kbbl or MMcf) and the P50 cumulative (history to date + forecast volumes; kbbl or MMcf).

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; otherwise the whole table is built.

with

curves as (
    select * from {{ ref('int_declining_curves') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }})
    {%- endif %}
),

cumulatives as (
    select * from {{ ref('int_production_cumsum') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }})
    {%- endif %}
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
        well_code,
        stream,
        production_period as month,
        rate_p10,
        fitted_rate as rate_p50,
        rate_p90,
        fitted_rate * {{ days_in_month('production_period') }} as volume_p50
    from curves
    where is_forecast
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
