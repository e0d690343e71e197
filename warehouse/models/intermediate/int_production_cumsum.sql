{{ config(materialized='view') }}

-- Cumulative volumes and producing days per well, in period order (docs/domain.md): running sums of the period volumes.
-- Missing volumes count as zero in the running sums; negative corrections make a cumulative dip, which the warn test
-- assert_cumulative_never_decreases reports (from the negative volumes themselves, without these windows).
-- A view: stored, its four running sums and three volumes were as large as stg_well_production_accepted (doubles
-- compress poorly), and its readers are few: the serving store reads it once per snapshot, and the API
-- (when no serving store holds the well) one well, whose filter on well_code DuckDB pushes below the window (the
-- partition column) into the scan (docs/warehouse.md, "Snapshot size").

with

production as (
    select * from {{ ref('stg_well_production') }}
),

final as (
    select
        well_code,
        production_period,
        period_type,
        oil_volume_kbbl,
        gas_volume_mmcf,
        water_volume_kbbl,
        sum(coalesce(oil_volume_kbbl, 0)) over well_history as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) over well_history as cum_gas_mmcf,
        sum(coalesce(water_volume_kbbl, 0)) over well_history as cum_water_kbbl,
        sum(coalesce(days_on_production, 0)) over well_history as cum_days_on_production
    from production
    window well_history as (
        partition by well_code
        order by production_period
        rows between unbounded preceding and current row
    )
)

select * from final
