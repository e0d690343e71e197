-- Trailing moving averages per well and period (DOMAIN.md): over the last N periods of a well (N days for daily
-- sources: windows {{ var('ma_day_short') }}d, {{ var('ma_day_medium') }}d, {{ var('ma_day_long') }}d; N months for
-- monthly ones: {{ var('ma_month_short') }}m, {{ var('ma_month_medium') }}m, {{ var('ma_month_long') }}m). Actual rates are
-- calendar-day averages over the window (sum of volumes / sum of calendar days); the fitted rate is the mean of the
-- oil decline fit's P50 producing-day rate (kbd) over the same periods. A window shorter than N at the start of a
-- well's history averages what there is.
-- One window pass per period type computes the three windows (they share the partition and order, so the rows are
-- sorted once): per window the summed volumes, calendar days and the fit's mean; materialized once and unpivoted into
-- one row per window by the union, which divides volumes by days.

with

production as (
    select * from {{ ref('stg_well_production') }}
),

oil_fit as (
    select * from {{ ref('int_declining_curves') }}
    where stream = 'oil' and not is_forecast
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

day_windows as materialized (
    select
        well_code,
        production_period,
        period_type,
        sum(oil_volume_kbbl) over short_periods as oil_short,
        sum(gas_volume_mmcf) over short_periods as gas_short,
        sum(water_volume_kbbl) over short_periods as water_short,
        avg(oil_fitted_rate_kbd) over short_periods as fitted_short,
        sum(period_days) over short_periods as days_short,
        sum(oil_volume_kbbl) over medium_periods as oil_medium,
        sum(gas_volume_mmcf) over medium_periods as gas_medium,
        sum(water_volume_kbbl) over medium_periods as water_medium,
        avg(oil_fitted_rate_kbd) over medium_periods as fitted_medium,
        sum(period_days) over medium_periods as days_medium,
        sum(oil_volume_kbbl) over long_periods as oil_long,
        sum(gas_volume_mmcf) over long_periods as gas_long,
        sum(water_volume_kbbl) over long_periods as water_long,
        avg(oil_fitted_rate_kbd) over long_periods as fitted_long,
        sum(period_days) over long_periods as days_long
    from joined
    where period_type = 'day'
    window
        short_periods as (partition by well_code order by production_period rows between {{ var('ma_day_short') }} - 1 preceding and current row),
        medium_periods as (partition by well_code order by production_period rows between {{ var('ma_day_medium') }} - 1 preceding and current row),
        long_periods as (partition by well_code order by production_period rows between {{ var('ma_day_long') }} - 1 preceding and current row)
),

month_windows as materialized (
    select
        well_code,
        production_period,
        period_type,
        sum(oil_volume_kbbl) over short_periods as oil_short,
        sum(gas_volume_mmcf) over short_periods as gas_short,
        sum(water_volume_kbbl) over short_periods as water_short,
        avg(oil_fitted_rate_kbd) over short_periods as fitted_short,
        sum(period_days) over short_periods as days_short,
        sum(oil_volume_kbbl) over medium_periods as oil_medium,
        sum(gas_volume_mmcf) over medium_periods as gas_medium,
        sum(water_volume_kbbl) over medium_periods as water_medium,
        avg(oil_fitted_rate_kbd) over medium_periods as fitted_medium,
        sum(period_days) over medium_periods as days_medium,
        sum(oil_volume_kbbl) over long_periods as oil_long,
        sum(gas_volume_mmcf) over long_periods as gas_long,
        sum(water_volume_kbbl) over long_periods as water_long,
        avg(oil_fitted_rate_kbd) over long_periods as fitted_long,
        sum(period_days) over long_periods as days_long
    from joined
    where period_type = 'month'
    window
        short_periods as (partition by well_code order by production_period rows between {{ var('ma_month_short') }} - 1 preceding and current row),
        medium_periods as (partition by well_code order by production_period rows between {{ var('ma_month_medium') }} - 1 preceding and current row),
        long_periods as (partition by well_code order by production_period rows between {{ var('ma_month_long') }} - 1 preceding and current row)
),

unioned as (
    select well_code, production_period, period_type, '{{ var('ma_day_short') }}d' as window_name,
        oil_short / days_short as oil_rate_avg_kbd, gas_short / days_short as gas_rate_avg_mmcfd, water_short / days_short as water_rate_avg_kbd, fitted_short as oil_fitted_rate_avg_kbd
    from day_windows
    union all
    select well_code, production_period, period_type, '{{ var('ma_day_medium') }}d' as window_name,
        oil_medium / days_medium as oil_rate_avg_kbd, gas_medium / days_medium as gas_rate_avg_mmcfd, water_medium / days_medium as water_rate_avg_kbd, fitted_medium as oil_fitted_rate_avg_kbd
    from day_windows
    union all
    select well_code, production_period, period_type, '{{ var('ma_day_long') }}d' as window_name,
        oil_long / days_long as oil_rate_avg_kbd, gas_long / days_long as gas_rate_avg_mmcfd, water_long / days_long as water_rate_avg_kbd, fitted_long as oil_fitted_rate_avg_kbd
    from day_windows
    union all
    select well_code, production_period, period_type, '{{ var('ma_month_short') }}m' as window_name,
        oil_short / days_short as oil_rate_avg_kbd, gas_short / days_short as gas_rate_avg_mmcfd, water_short / days_short as water_rate_avg_kbd, fitted_short as oil_fitted_rate_avg_kbd
    from month_windows
    union all
    select well_code, production_period, period_type, '{{ var('ma_month_medium') }}m' as window_name,
        oil_medium / days_medium as oil_rate_avg_kbd, gas_medium / days_medium as gas_rate_avg_mmcfd, water_medium / days_medium as water_rate_avg_kbd, fitted_medium as oil_fitted_rate_avg_kbd
    from month_windows
    union all
    select well_code, production_period, period_type, '{{ var('ma_month_long') }}m' as window_name,
        oil_long / days_long as oil_rate_avg_kbd, gas_long / days_long as gas_rate_avg_mmcfd, water_long / days_long as water_rate_avg_kbd, fitted_long as oil_fitted_rate_avg_kbd
    from month_windows
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
