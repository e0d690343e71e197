-- Logic rule: P10 is the high estimate and P90 the low one (petroleum convention), so every forecast month has
-- rate_p10 >= rate_p50 >= rate_p90 >= 0 and a cumulative that never decreases (severity error).

with

forecast as (
    select * from {{ ref('mart_decline_forecast') }}
),

with_previous as (
    select
        forecast.*,
        lag(cum_p50) over (partition by well_code, stream order by month) as previous_cum_p50
    from forecast
),

final as (
    select * from with_previous
    -- tolerances of 1e-9 relative absorb floating-point noise
    where rate_p10 < rate_p50 - 1e-9 * (1 + abs(rate_p50))
        or rate_p50 < rate_p90 - 1e-9 * (1 + abs(rate_p90))
        or rate_p90 < 0
        or cum_p50 < previous_cum_p50 - 1e-9 * (1 + abs(previous_cum_p50))
)

select * from final
