{{ config(materialized='view') }}

-- The trendlines beside the actual rates: per well, stream and producing period, the producing-day rate (kbd for oil
-- and water, MMcfd for gas), its robust trend, the residual z-score and the outlier flag.
-- ml_predictions_raw writes the actual rate it read from int_ml_trendlines_input (one row per input row), so this
-- model needs no join back to the input (30 M x 30 M rows at 10,000 wells); a view, since it only renames and orders
-- the columns of a table that is already written.

with

predictions as (
    select * from {{ ref('ml_predictions_raw') }}
),

final as (
    select
        well_code,
        stream,
        production_period,
        actual_rate,
        trend_rate,
        residual_z,
        coalesce(is_outlier, false) as is_outlier
    from predictions
)

select * from final
