-- Logic rule: P10 is the high estimate and P90 the low one (petroleum convention), so every forecast month has
-- rate_p10 >= rate_p50 >= rate_p90 >= 0 and a cumulative that never decreases (severity error). Read on
-- int_decline_forecast, whose running sum is mart_decline_forecast's cum_p50 less the well's constant cumulative to
-- date (the view would add it to every row first). On the application's incremental refresh it reads only the wells
-- whose rows the build computed (int_decline_forecast_refits, written by the model's pre-hook, macro
-- decline_forecast_refits): every other well's rows are the parent snapshot's, which passed this test (a test of
-- severity error that fails stops a refresh before it publishes), and a well's rows are checked together.

with

forecast as (
    select * from {{ ref('int_decline_forecast') }}
    {%- if var('incremental_refresh', false) %}
    where well_code in (select well_code from int_decline_forecast_refits)
    {%- endif %}
),

with_previous as (
    select
        forecast.*,
        lag(forecast_cum_p50) over (partition by well_code, stream order by month) as previous_cum_p50
    from forecast
),

final as (
    select * from with_previous
    -- tolerances of 1e-9 relative absorb floating-point noise
    where rate_p10 < rate_p50 - 1e-9 * (1 + abs(rate_p50))
        or rate_p50 < rate_p90 - 1e-9 * (1 + abs(rate_p90))
        or rate_p90 < 0
        or forecast_cum_p50 < previous_cum_p50 - 1e-9 * (1 + abs(previous_cum_p50))
)

select * from final
