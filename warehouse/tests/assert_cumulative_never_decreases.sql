{{ config(severity='warn') }}

-- docs/domain.md: cumulative production never decreases; a negative correction in the raw data makes it dip. Reports
-- each well, period and stream where a cumulative is below the previous period's (a data problem: warn).

with

cumulatives as (
    select * from {{ ref('int_production_cumsum') }}
),

with_previous as (
    select
        well_code,
        production_period,
        cum_oil_kbbl,
        cum_gas_mmcf,
        cum_water_kbbl,
        cum_days_on_production,
        lag(cum_oil_kbbl) over well_history as previous_oil_kbbl,
        lag(cum_gas_mmcf) over well_history as previous_gas_mmcf,
        lag(cum_water_kbbl) over well_history as previous_water_kbbl,
        lag(cum_days_on_production) over well_history as previous_days
    from cumulatives
    window well_history as (partition by well_code order by production_period)
),

final as (
    select * from with_previous
    -- a tolerance of 1e-9 relative: window sums may add in another order than a running total
    where cum_oil_kbbl < previous_oil_kbbl - 1e-9 * (1 + abs(previous_oil_kbbl))
        or cum_gas_mmcf < previous_gas_mmcf - 1e-9 * (1 + abs(previous_gas_mmcf))
        or cum_water_kbbl < previous_water_kbbl - 1e-9 * (1 + abs(previous_water_kbbl))
        or cum_days_on_production < previous_days - 1e-9 * (1 + abs(previous_days))
)

select * from final
