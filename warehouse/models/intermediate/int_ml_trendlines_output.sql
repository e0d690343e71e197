{{ config(materialized='view') }}

-- The trendlines beside the actual rates: per well, stream and producing period, the producing-day rate (kbd for oil
-- and water, MMcfd for gas), its robust trend, the residual z-score and the outlier flag.
-- ml_predictions_raw stores the trend rate and the series' residual scale (one row per well, stream and producing
-- period); the actual rate is the stream's rate in int_ml_trendlines_input (one row per well and producing period),
-- joined here rather than stored again (stored, it was 40 % of ml_predictions_raw: docs/warehouse.md, "Snapshot
-- size"). The stream is an ENUM there (cheaper to write) and text here. The z-score is computed here from the rates
-- and the series' residual scale (the model's own residual, ln actual - ln trend, so the same number it ranks the
-- residuals by; stored, it was a third of the table), and the outlier flag: |residual_z| above the var
-- trendline_outlier_z (a NaN z-score is no outlier). The series' residual scale is given too (last, so CSV readers
-- of the earlier columns are unchanged): the outlier band is trend_rate x exp(+-z x residual_sigma), and the API's
-- serving store computes residual_z from it rather than storing it.

with

predictions as (
    select * from {{ ref('ml_predictions_raw') }}
),

input as (
    select * from {{ ref('int_ml_trendlines_input') }}
),

with_actual as (
    select
        predictions.*,
        case predictions.stream
            when 'oil' then input.oil_producing_rate_kbd
            when 'gas' then input.gas_producing_rate_mmcfd
            else input.water_producing_rate_kbd
        end as actual_rate
    from predictions
    inner join input
        on predictions.well_code = input.well_code
        and predictions.production_period = input.production_period
),

scored as (
    select
        *,
        case
            when residual_sigma > 0 then (ln(actual_rate) - ln(trend_rate)) / residual_sigma
            else 0
        end as residual_z
    from with_actual
),

final as (
    select
        well_code,
        cast(stream as varchar) as stream,
        production_period,
        actual_rate,
        trend_rate,
        residual_z,
        coalesce(abs(residual_z) > cast({{ var('trendline_outlier_z', 3.0) }} as {{ float_type() }}) and not {{ is_nan('residual_z') }}, false)
            as is_outlier,
        residual_sigma
    from scored
)

select * from final
