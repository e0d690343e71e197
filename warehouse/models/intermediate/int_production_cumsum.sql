{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- Cumulative volumes and producing days per well, in period order (docs/domain.md): running sums of the period volumes.
-- Missing volumes count as zero in the running sums; negative corrections make a cumulative dip, which the warn test
-- assert_cumulative_never_decreases reports.

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; otherwise the whole table is built.

with

production as (
    select * from {{ ref('stg_well_production') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }})
    {%- endif %}
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
