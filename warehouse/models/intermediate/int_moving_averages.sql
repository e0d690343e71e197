{{ config(materialized='view') }}

-- Trailing moving averages per well and period (docs/domain.md): over the last N periods of a well (N days for daily
-- sources: windows {{ var('ma_day_short') }}d, {{ var('ma_day_medium') }}d, {{ var('ma_day_long') }}d; N months for
-- monthly ones: {{ var('ma_month_short') }}m, {{ var('ma_month_medium') }}m, {{ var('ma_month_long') }}m). Actual rates are
-- calendar-day averages over the window (sum of volumes / sum of calendar days); the fitted rate is the mean of the
-- oil decline fit's P50 producing-day rate (kbd) over the same periods. A window shorter than N at the start of a
-- well's history averages what there is.
-- One window pass computes every window (they share the partition and order): per window the summed volumes,
-- calendar days and the fit's mean; the join with window_names then makes one row per window of the row's period
-- type and divides volumes by days. The window lengths come from the vars ma_*, looped over below: a window added to
-- the list adds its columns and its row of window_names.
-- A view: a table would write 30 M rows at 10,000 wells x 1,000 days (44 s of a 120 s build), and every reader asks
-- for one well (the API: one well and window). DuckDB pushes a filter on well_code below the window functions (the
-- partition column) and into both sides of the joins, so one well's windows are computed from its own rows alone.
-- Every CTE is read once on purpose: DuckDB materializes a CTE that two parts of a query read, and then scans every
-- well (a stored view loses the NOT MATERIALIZED hint): 98 ms per well and window against 34 ms (10 M-row build).
-- A filter on production_period is applied after the windows (their order column), so a date range never shortens
-- a window.

{%- set windows = [] %}
{%- for period_type, suffix, lengths in [
    ('day', 'd', [var('ma_day_short'), var('ma_day_medium'), var('ma_day_long')]),
    ('month', 'm', [var('ma_month_short'), var('ma_month_medium'), var('ma_month_long')]),
] %}
{%- for length in lengths %}
{%- do windows.append({'index': windows | length + 1, 'name': length ~ suffix, 'period_type': period_type, 'length': length}) %}
{%- endfor %}
{%- endfor %}

with

production as (
    select * from {{ ref('stg_well_production') }}
),

oil_fit as (
    select * from {{ ref('int_declining_curves') }}
    where stream = 'oil' and not is_forecast
),

window_names as (
    select * from (
        values
        {%- for w in windows %}
        ('{{ w.name }}', '{{ w.period_type }}', {{ w.index }}){{ ',' if not loop.last }}
        {%- endfor %}
    ) as window_names (window_name, period_type, window_index)
),

joined as (
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

windowed as (
    select
        well_code,
        production_period,
        period_type,
        {%- for w in windows %}
        sum(oil_volume_kbbl) over periods_{{ w.index }} as oil_{{ w.index }},
        sum(gas_volume_mmcf) over periods_{{ w.index }} as gas_{{ w.index }},
        sum(water_volume_kbbl) over periods_{{ w.index }} as water_{{ w.index }},
        avg(oil_fitted_rate_kbd) over periods_{{ w.index }} as fitted_{{ w.index }},
        sum(period_days) over periods_{{ w.index }} as days_{{ w.index }}{{ ',' if not loop.last }}
        {%- endfor %}
    from joined
    window
        {%- for w in windows %}
        periods_{{ w.index }} as (partition by well_code order by production_period rows between {{ w.length }} - 1 preceding and current row){{ ',' if not loop.last }}
        {%- endfor %}
),

final as (
    select
        windowed.well_code,
        windowed.production_period,
        windowed.period_type,
        window_names.window_name as "window",
        {%- for measure, alias in [('oil', 'oil_rate_avg_kbd'), ('gas', 'gas_rate_avg_mmcfd'), ('water', 'water_rate_avg_kbd')] %}
        case window_names.window_index
            {%- for w in windows %}
            when {{ w.index }} then {{ measure }}_{{ w.index }} / days_{{ w.index }}
            {%- endfor %}
        end as {{ alias }},
        {%- endfor %}
        case window_names.window_index
            {%- for w in windows %}
            when {{ w.index }} then fitted_{{ w.index }}
            {%- endfor %}
        end as oil_fitted_rate_avg_kbd
    from windowed
    inner join window_names
        on windowed.period_type = window_names.period_type
)

select * from final
