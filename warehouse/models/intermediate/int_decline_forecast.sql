{{ config(
    materialized='incremental',
    incremental_strategy='append',
    full_refresh=not var('incremental_refresh', false),
    pre_hook=["{{ decline_forecast_stale_rows() }}", "{{ decline_forecast_refits() }}"]
) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- The decline forecast per well, stream and future month, from the data's as-of month (int_well_status; none for an
-- abandoned well): one forecast per well, the one its EUR and remaining reserves (mart_well_summary) and the decline
-- chart (int_declining_curves) use. The population method's where it forecasts the well (int_population_forecast: the
-- forecast of `wellhouse decline forecast`, type curves and calibrated P10-P90; method 'population'), else the well's
-- own decline fit (int_decline_fits' forecast months, residual-bootstrap band; method 'per_well_fit'), e.g. for the
-- wells of a data source too small to learn from. Rates are kbd (oil) or MMcfd (gas), the month's calendar volume over
-- its days: for the population method with the well's uptime of the last year (column uptime), for the per-well fit
-- at full uptime (uptime 1), so the producing-day rate is rate / uptime; P10 (high), P50, P90 (low). volume_p50 is
-- the P50 volume of the month (kbbl or MMcf) and forecast_cum_p50 the running sum of the forecast's volumes from its
-- first month; mart_decline_forecast (a view) adds the history's cumulative to date, which moves with every new day.

-- Incremental (docs/warehouse.md, "New rows only"): the rows read only the fits, the population forecast and the
-- well's status, none of which a new day inside the data's as-of month changes, so on an incremental refresh the
-- pre-hook (macro decline_forecast_stale_rows) deletes the rows that may have changed (all of them when a well's
-- months before the as-of month changed, since the population forecast is then computed again; else the wells now
-- abandoned and those whose first month is not the first forecast month) and this appends the rows of every well
-- that is not abandoned and has none. Otherwise the whole table is built. The second pre-hook (macro
-- decline_forecast_refits) lists the wells whose rows the build computes (table int_decline_forecast_refits), so that
-- what reads the rows (the serving store, the test assert_forecast_percentiles_ordered) takes the others' as they were.

with

status as (
    select * from {{ ref('int_well_status') }}
),

{%- if is_incremental() %}

-- The wells to forecast: not abandoned, without rows after the pre-hook (its deleted wells, and the wells with no
-- forecast, whose computation is cheap: no fit to unnest and no population month).
forecast_wells as (
    select status.well_code
    from status
    where status.well_status <> 'abandoned'
        and not exists (select 1 from {{ this }} as kept where kept.well_code = status.well_code)
),
{%- endif %}

population as (
    select * from {{ ref('int_population_forecast') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from forecast_wells)
    {%- endif %}
),

fits as (
    select * from {{ ref('int_decline_fits') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from forecast_wells)
    {%- endif %}
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
        well_code,
        stream,
        month,
        rate_p10,
        rate_p50,
        rate_p90,
        volume_p50,
        sum(volume_p50) over (
            partition by well_code, stream
            order by month
            rows between unbounded preceding and current row
        ) as forecast_cum_p50,
        uptime,
        method
    from forecast
)

select * from final
