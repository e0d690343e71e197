{{ config(materialized='view') }}

-- Trailing moving averages per well and period (DOMAIN.md): over the last N periods of a well (N days for daily
-- sources: windows {{ var('ma_day_short') }}d, {{ var('ma_day_medium') }}d, {{ var('ma_day_long') }}d; N months for
-- monthly ones: {{ var('ma_month_short') }}m, {{ var('ma_month_medium') }}m, {{ var('ma_month_long') }}m). Actual rates are
-- calendar-day averages over the window (sum of volumes / sum of calendar days); the fitted rate is the mean of the
-- oil decline fit's P50 producing-day rate (kbd) over the same periods. A window shorter than N at the start of a
-- well's history averages what there is.
-- One window pass per period type computes all its windows (they share the partition and order, so the rows are
-- sorted once): per window the summed volumes, calendar days and the fit's mean, unpivoted into one row per window by
-- the union, which divides volumes by days. The window lengths come from the vars ma_*, looped over below: a window
-- added to the list adds its columns and its union branch.
-- A view: a table would write 30 M rows at 10,000 wells x 1,000 days (44 s of a 120 s build), and every reader asks
-- for one well (the API: one well and window). DuckDB pushes a filter on well_code below the window functions (the
-- partition column) and drops the union branches of other windows, so one well's windows are computed from its own
-- rows alone; the CTEs are NOT MATERIALIZED so that the filter reaches them (DuckDB would otherwise materialize the
-- CTEs that two branches read, scanning every well: 99 ms per well and window against 34 ms, 10 M-row build). A filter on production_period is applied
-- after the windows (it is their order column), so a date range never shortens a window.

{%- set period_types = [
    {'name': 'day', 'suffix': 'd', 'lengths': [var('ma_day_short'), var('ma_day_medium'), var('ma_day_long')]},
    {'name': 'month', 'suffix': 'm', 'lengths': [var('ma_month_short'), var('ma_month_medium'), var('ma_month_long')]},
] %}

with

production as not materialized (
    select * from {{ ref('stg_well_production') }}
),

oil_fit as not materialized (
    select * from {{ ref('int_declining_curves') }}
    where stream = 'oil' and not is_forecast
),

joined as not materialized (
    select
        production.well_code,
        production.production_period,
        production.period_type,
        production.period_days,
        coalesce(production.oil_volume_kbbl, 0) as oil_volume_kbbl,
        coalesce(production.gas_volume_mmcf, 0) as gas_volume_mmcf,
        coalesce(production.water_volume_kbbl, 0) as water_volume_kbbl,
        oil_fit.fitted_rate as oil_fitted_rate_kbd
    from production
    left join oil_fit
        on production.well_code = oil_fit.well_code
        and production.production_period = oil_fit.production_period
),
{% for period_type in period_types %}

{{ period_type.name }}_windows as not materialized (
    select
        well_code,
        production_period,
        period_type,
        {%- for length in period_type.lengths %}
        sum(oil_volume_kbbl) over periods_{{ loop.index }} as oil_{{ loop.index }},
        sum(gas_volume_mmcf) over periods_{{ loop.index }} as gas_{{ loop.index }},
        sum(water_volume_kbbl) over periods_{{ loop.index }} as water_{{ loop.index }},
        avg(oil_fitted_rate_kbd) over periods_{{ loop.index }} as fitted_{{ loop.index }},
        sum(period_days) over periods_{{ loop.index }} as days_{{ loop.index }}{{ ',' if not loop.last }}
        {%- endfor %}
    from joined
    where period_type = '{{ period_type.name }}'
    window
        {%- for length in period_type.lengths %}
        periods_{{ loop.index }} as (partition by well_code order by production_period rows between {{ length }} - 1 preceding and current row){{ ',' if not loop.last }}
        {%- endfor %}
),
{% endfor %}

unioned as (
    {%- for period_type in period_types %}
    {%- set outer_loop = loop %}
    {%- for length in period_type.lengths %}
    select well_code, production_period, period_type, '{{ length }}{{ period_type.suffix }}' as window_name,
        oil_{{ loop.index }} / days_{{ loop.index }} as oil_rate_avg_kbd, gas_{{ loop.index }} / days_{{ loop.index }} as gas_rate_avg_mmcfd, water_{{ loop.index }} / days_{{ loop.index }} as water_rate_avg_kbd, fitted_{{ loop.index }} as oil_fitted_rate_avg_kbd
    from {{ period_type.name }}_windows
    {%- if not (outer_loop.last and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

final as (
    select
        well_code,
        production_period,
        period_type,
        window_name as "window",
        oil_rate_avg_kbd,
        gas_rate_avg_mmcfd,
        water_rate_avg_kbd,
        oil_fitted_rate_avg_kbd
    from unioned
)

select * from final
