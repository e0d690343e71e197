{{ config(materialized='view') }}

-- The trendline model's input: one row per well and producing period in which at least one stream has a positive
-- producing-day rate (kbd for oil and water, MMcfd for gas), the three streams' rates side by side; ml_predictions_raw
-- fits the positive rates of each stream. The weight is the fraction of the period the well produced (uptime), so
-- that short producing spells count less.
-- A view: its rows are read once, sorted, by ml_predictions_raw. One row per well-period rather than per stream
-- sorts and reads a third of the rows (docs/warehouse.md, "Round three: trendlines").

with

production as (
    select * from {{ ref('stg_well_production') }}
),

final as (
    select
        well_code,
        production_period,
        oil_producing_rate_kbd,
        gas_producing_rate_mmcfd,
        water_producing_rate_kbd,
        days_on_production / period_days as uptime_weight
    from production
    where oil_producing_rate_kbd > 0 or gas_producing_rate_mmcfd > 0 or water_producing_rate_kbd > 0
)

select * from final
