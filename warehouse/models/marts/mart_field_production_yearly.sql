-- Production per field and calendar year: the wells' yearly volumes summed, calendar-day average rates
-- (volume / calendar days of the year), producing days summed over wells, and the number of wells reporting.

with

yearly as (
    select * from {{ ref('mart_production_yearly') }}
),

final as (
    select
        field_code,
        max(field_name) as field_name,
        year,
        max(calendar_days) as calendar_days,
        count(*) as well_count,
        sum(producing_days) as producing_days,
        sum(oil_volume_kbbl) as oil_volume_kbbl,
        sum(gas_volume_mmcf) as gas_volume_mmcf,
        sum(water_volume_kbbl) as water_volume_kbbl,
        sum(liquids_volume_kbbl) as liquids_volume_kbbl,
        sum(oil_volume_kbbl) / max(calendar_days) as oil_rate_kbd,
        sum(gas_volume_mmcf) / max(calendar_days) as gas_rate_mmcfd,
        sum(water_volume_kbbl) / max(calendar_days) as water_rate_kbd
    from yearly
    group by field_code, year
)

select * from final
