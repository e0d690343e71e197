-- The trendlines joined back to the actual rates: per well, stream and producing period, the robust trend of the
-- producing-day rate (kbd for oil and water, MMcfd for gas), the residual z-score and the outlier flag.

with

trendline_input as (
    select * from {{ ref('int_ml_trendlines_input') }}
),

predictions as (
    select * from {{ ref('ml_predictions_raw') }}
),

final as (
    select
        trendline_input.well_code,
        trendline_input.stream,
        trendline_input.production_period,
        trendline_input.actual_rate,
        predictions.trend_rate,
        predictions.residual_z,
        coalesce(predictions.is_outlier, false) as is_outlier
    from trendline_input
    left join predictions
        on trendline_input.well_code = predictions.well_code
        and trendline_input.stream = predictions.stream
        and trendline_input.production_period = predictions.production_period
)

select * from final
