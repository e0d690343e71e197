-- Trailing moving averages per well and period (DOMAIN.md): over the last N periods of a well (N days for daily
-- sources: windows {{ var('ma_day_short') }}d, {{ var('ma_day_medium') }}d, {{ var('ma_day_long') }}d; N months for
-- monthly ones: {{ var('ma_month_short') }}m, {{ var('ma_month_medium') }}m, {{ var('ma_month_long') }}m). Actual rates are
-- calendar-day averages over the window (sum of volumes / sum of calendar days); the fitted rate is the mean of the
-- oil decline fit's P50 producing-day rate (kbd) over the same periods. A window shorter than N at the start of a
-- well's history averages what there is.

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

window_day_short as (
    select
        well_code,
        production_period,
        period_type,
        '{{ var('ma_day_short') }}d' as window_name,
        sum(oil_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as oil_rate_avg_kbd,
        sum(gas_volume_mmcf) over trailing_periods / sum(period_days) over trailing_periods as gas_rate_avg_mmcfd,
        sum(water_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as water_rate_avg_kbd,
        avg(oil_fitted_rate_kbd) over trailing_periods as oil_fitted_rate_avg_kbd
    from joined
    where period_type = 'day'
    window trailing_periods as (
        partition by well_code
        order by production_period
        rows between {{ var('ma_day_short') }} - 1 preceding and current row
    )
),

window_day_medium as (
    select
        well_code,
        production_period,
        period_type,
        '{{ var('ma_day_medium') }}d' as window_name,
        sum(oil_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as oil_rate_avg_kbd,
        sum(gas_volume_mmcf) over trailing_periods / sum(period_days) over trailing_periods as gas_rate_avg_mmcfd,
        sum(water_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as water_rate_avg_kbd,
        avg(oil_fitted_rate_kbd) over trailing_periods as oil_fitted_rate_avg_kbd
    from joined
    where period_type = 'day'
    window trailing_periods as (
        partition by well_code
        order by production_period
        rows between {{ var('ma_day_medium') }} - 1 preceding and current row
    )
),

window_day_long as (
    select
        well_code,
        production_period,
        period_type,
        '{{ var('ma_day_long') }}d' as window_name,
        sum(oil_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as oil_rate_avg_kbd,
        sum(gas_volume_mmcf) over trailing_periods / sum(period_days) over trailing_periods as gas_rate_avg_mmcfd,
        sum(water_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as water_rate_avg_kbd,
        avg(oil_fitted_rate_kbd) over trailing_periods as oil_fitted_rate_avg_kbd
    from joined
    where period_type = 'day'
    window trailing_periods as (
        partition by well_code
        order by production_period
        rows between {{ var('ma_day_long') }} - 1 preceding and current row
    )
),

window_month_short as (
    select
        well_code,
        production_period,
        period_type,
        '{{ var('ma_month_short') }}m' as window_name,
        sum(oil_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as oil_rate_avg_kbd,
        sum(gas_volume_mmcf) over trailing_periods / sum(period_days) over trailing_periods as gas_rate_avg_mmcfd,
        sum(water_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as water_rate_avg_kbd,
        avg(oil_fitted_rate_kbd) over trailing_periods as oil_fitted_rate_avg_kbd
    from joined
    where period_type = 'month'
    window trailing_periods as (
        partition by well_code
        order by production_period
        rows between {{ var('ma_month_short') }} - 1 preceding and current row
    )
),

window_month_medium as (
    select
        well_code,
        production_period,
        period_type,
        '{{ var('ma_month_medium') }}m' as window_name,
        sum(oil_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as oil_rate_avg_kbd,
        sum(gas_volume_mmcf) over trailing_periods / sum(period_days) over trailing_periods as gas_rate_avg_mmcfd,
        sum(water_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as water_rate_avg_kbd,
        avg(oil_fitted_rate_kbd) over trailing_periods as oil_fitted_rate_avg_kbd
    from joined
    where period_type = 'month'
    window trailing_periods as (
        partition by well_code
        order by production_period
        rows between {{ var('ma_month_medium') }} - 1 preceding and current row
    )
),

window_month_long as (
    select
        well_code,
        production_period,
        period_type,
        '{{ var('ma_month_long') }}m' as window_name,
        sum(oil_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as oil_rate_avg_kbd,
        sum(gas_volume_mmcf) over trailing_periods / sum(period_days) over trailing_periods as gas_rate_avg_mmcfd,
        sum(water_volume_kbbl) over trailing_periods / sum(period_days) over trailing_periods as water_rate_avg_kbd,
        avg(oil_fitted_rate_kbd) over trailing_periods as oil_fitted_rate_avg_kbd
    from joined
    where period_type = 'month'
    window trailing_periods as (
        partition by well_code
        order by production_period
        rows between {{ var('ma_month_long') }} - 1 preceding and current row
    )
),

unioned as (
    select * from window_day_short
    union all
    select * from window_day_medium
    union all
    select * from window_day_long
    union all
    select * from window_month_short
    union all
    select * from window_month_medium
    union all
    select * from window_month_long
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
