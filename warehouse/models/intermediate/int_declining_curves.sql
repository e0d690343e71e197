-- The decline curves per well and stream (oil, gas), expanded from the fits of int_decline_fits: a row for every
-- historical period of stg_well_production (actual producing-day rate; the fit's P50 rate at the middle of the period
-- for periods from t0_date on, with the P10/P90 band P50 x exp(+-z90 sigma) of the log-rate residual spread) and the
-- forecast months (the fit's lists) from the data's as-of month on (int_well_status.forecast_from_month: a shut-in
-- well's months between its last report and the as-of date are left out, the curve keeping its clock), none for an
-- abandoned well (docs/domain.md, "Well status and the as-of date"). A view: the fitted rates are cheap to evaluate (macro decline_rate, the same
-- equations as Wellhouse.Decline) and far cheaper than writing a row per day from C#; the consumers read only part
-- of it (the oil history, or the forecast months), which DuckDB prunes from the union.

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

status as (
    select * from {{ ref('int_well_status') }}
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
    select
        well_code,
        stream,
        unnest(forecast_months) as production_period,
        unnest(forecast_p50) as fitted_rate,
        unnest(forecast_p10) as rate_p10,
        unnest(forecast_p90) as rate_p90,
        model,
        qi,
        di_nominal_per_year,
        b,
        dmin_per_year,
        t0_date,
        segment
    from fits
),

forecast as (
    select
        forecast_months.well_code,
        forecast_months.stream,
        forecast_months.production_period,
        true as is_forecast,
        cast(null as {{ float_type() }}) as actual_rate,
        forecast_months.fitted_rate,
        forecast_months.rate_p10,
        forecast_months.rate_p90,
        forecast_months.model,
        forecast_months.qi,
        forecast_months.di_nominal_per_year,
        forecast_months.b,
        forecast_months.dmin_per_year,
        forecast_months.t0_date,
        forecast_months.segment
    from forecast_months
    inner join status
        on forecast_months.well_code = status.well_code
    where forecast_months.production_period >= status.forecast_from_month
        and status.well_status <> 'abandoned'
),

final as (
    select * from history
    union all
    select * from forecast
)

select * from final
