{{ config(materialized='view') }}

-- The trendline model's input: one row per well, stream and producing period with a positive producing-day rate
-- (kbd for oil and water, MMcfd for gas). t_days counts days from the well's first period; the weight is the
-- fraction of the period the well produced (uptime), so that short producing spells count less.
-- A view: its rows (three per well-period) are read once by ml_predictions_raw and joined once by
-- int_ml_trendlines_output, so writing them as a table would cost more than computing them from stg_well_production.

with

production as (
    select * from {{ ref('stg_well_production') }}
),

streams as (
    select well_code, production_period, period_days, days_on_production,
        'oil' as stream, oil_producing_rate_kbd as producing_rate
    from production
    union all
    select well_code, production_period, period_days, days_on_production,
        'gas' as stream, gas_producing_rate_mmcfd as producing_rate
    from production
    union all
    select well_code, production_period, period_days, days_on_production,
        'water' as stream, water_producing_rate_kbd as producing_rate
    from production
),

final as (
    select
        well_code,
        stream,
        production_period,
        producing_rate as actual_rate,
        days_on_production / period_days as uptime_weight
    from streams
    where producing_rate > 0
)

select * from final
