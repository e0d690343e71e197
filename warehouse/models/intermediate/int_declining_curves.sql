-- The decline curves per well and stream (oil, gas): a row for every historical period of stg_well_production (actual
-- producing-day rate; the fit of int_decline_fits' P50 rate at the middle of the period for periods from t0_date on,
-- with the P10/P90 band P50 x exp(+-z90 sigma) of the log-rate residual spread), then the well's forecast months: those
-- of int_decline_forecast (mart_decline_forecast's rows without the cumulative: the one forecast per well, the
-- population method's where it forecasts the well, else the fit's; from the data's as-of month on, none for an
-- abandoned well, docs/domain.md "Well status and the as-of date"), as producing-day rates (rate / uptime), so that
-- they continue the history's actual and fitted rates. The
-- fit's parameters stay on every row. A view: the fitted rates are cheap to evaluate (macro decline_rate, the same
-- equations as Wellhouse.Decline) and far cheaper than writing a row per day from C#; the consumers read only part of
-- it (the oil history, or the forecast months), which DuckDB prunes from the union.
{{ config(materialized='view') }}

{#- z of the standard normal at 90 % (WellDeclineFit.Z90), as a double literal. -#}
{%- set z90 = '1.2815515655446004e0' %}

with

production as (
    select * from {{ ref('stg_well_production') }}
),

fits as (
    select * from {{ ref('int_decline_fits') }}
),

history_rates as (
    select well_code, 'oil' as stream, production_period, period_days, oil_producing_rate_kbd as actual_rate
    from production
    union all
    select well_code, 'gas' as stream, production_period, period_days, gas_producing_rate_mmcfd as actual_rate
    from production
),

history_times as (
    select
        history_rates.well_code,
        history_rates.stream,
        history_rates.production_period,
        case when {{ is_finite('history_rates.actual_rate') }} then history_rates.actual_rate end as actual_rate,
        -- days from t0 to the middle of the period (the period's start + period_days / 2), only from t0 on
        case
            when history_rates.production_period >= fits.t0_date
                then (history_rates.production_period - fits.t0_date) + (history_rates.period_days / 2)
        end as t_days,
        {{ star_except(ref('int_decline_fits'), 'fits', ['well_code', 'stream']) }}
    from history_rates
    left join fits
        on history_rates.well_code = fits.well_code
        and history_rates.stream = fits.stream
),

history_fitted as (
    select
        *,
        {{ decline_rate('model', 'qi', 'di_per_day', 'b', 'dlim_per_day', 'duong_a_per_day', 'duong_m', 'tau_days', 'stretch_n', 't_days') }} as fitted_rate
    from history_times
),

history as (
    select
        well_code,
        stream,
        production_period,
        false as is_forecast,
        actual_rate,
        fitted_rate,
        fitted_rate * exp({{ z90 }} * log_sigma) as rate_p10,
        fitted_rate * exp(-{{ z90 }} * log_sigma) as rate_p90,
        model,
        qi,
        di_nominal_per_year,
        b,
        dmin_per_year,
        t0_date,
        segment
    from history_fitted
),

forecast_months as (
    -- int_decline_forecast starts at the as-of month and leaves abandoned wells out already
    select * from {{ ref('int_decline_forecast') }}
),

forecast as (
    select
        forecast_months.well_code,
        forecast_months.stream,
        forecast_months.month as production_period,
        true as is_forecast,
        cast(null as {{ float_type() }}) as actual_rate,
        forecast_months.rate_p50 / forecast_months.uptime as fitted_rate,
        forecast_months.rate_p10 / forecast_months.uptime as rate_p10,
        forecast_months.rate_p90 / forecast_months.uptime as rate_p90,
        fits.model,
        fits.qi,
        fits.di_nominal_per_year,
        fits.b,
        fits.dmin_per_year,
        fits.t0_date,
        fits.segment
    from forecast_months
    left join fits
        on forecast_months.well_code = fits.well_code
        and forecast_months.stream = fits.stream
),

final as (
    select * from history
    union all
    select * from forecast
)

select * from final
