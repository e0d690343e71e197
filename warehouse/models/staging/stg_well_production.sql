{{ config(materialized='view') }}

-- The accepted raw rows (stg_well_production_accepted: one per well and period, latest updated_at wins) with
-- calendar-day volumes and producing-day rates. Volume of a period = calendar-day rate x calendar days of the period
-- (docs/domain.md); the producing-day rate = volume / days_on_production, undefined (null) when the well did not
-- produce. A view: the products and quotients cost next to nothing to compute on read, and stored they were seven
-- poorly compressible doubles per row, more than the reported columns themselves (docs/warehouse.md, "Snapshot
-- size"). A filter on well_code reaches the table's scan, so a read of one well still skips the others' row groups.

with

accepted as (
    select * from {{ ref('stg_well_production_accepted') }}
),

volumes as (
    select
        accepted.*,
        oil_rate_kbd * period_days as oil_volume_kbbl,
        gas_rate_mmcfd * period_days as gas_volume_mmcf,
        water_rate_kbd * period_days as water_volume_kbbl,
        liquids_rate_kbd * period_days as liquids_volume_kbbl
    from accepted
),

final as (
    select
        well_code,
        data_source,
        period_type,
        production_period,
        period_days,
        days_on_production,
        oil_volume_kbbl,
        gas_volume_mmcf,
        water_volume_kbbl,
        liquids_volume_kbbl,
        oil_rate_kbd,
        gas_rate_mmcfd,
        water_rate_kbd,
        oil_volume_kbbl / nullif(days_on_production, 0) as oil_producing_rate_kbd,
        gas_volume_mmcf / nullif(days_on_production, 0) as gas_producing_rate_mmcfd,
        water_volume_kbbl / nullif(days_on_production, 0) as water_producing_rate_kbd,
        updated_at
    from volumes
)

select * from final
