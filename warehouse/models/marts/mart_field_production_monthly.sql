-- Production per field and calendar month: the wells' monthly volumes summed, calendar-day average rates, producing
-- days summed over wells, and the number of producing wells (oil or gas above zero in the month: an injector, or a
-- shut-in well that still reports zeros, is not producing). The rates divide by reported_days, the days of the month
-- inside the field's reported span (its wells' first period to the end of their last one, int_wells), so a partial
-- month at either end counts its own days.

with

monthly as (
    select * from {{ ref('mart_production_monthly') }}
),

fields as (
    select
        field_code,
        min(first_period_start) as first_period_start,
        max(reported_until) as reported_until
    from {{ ref('int_wells') }}
    group by field_code
),

by_field as (
    select
        field_code,
        max(field_name) as field_name,
        month,
        max(year) as year,
        max(calendar_days) as calendar_days,
        count(*) filter (where coalesce(oil_volume_kbbl, 0) > 0 or coalesce(gas_volume_mmcf, 0) > 0) as well_count,
        sum(producing_days) as producing_days,
        sum(oil_volume_kbbl) as oil_volume_kbbl,
        sum(gas_volume_mmcf) as gas_volume_mmcf,
        sum(water_volume_kbbl) as water_volume_kbbl,
        sum(liquids_volume_kbbl) as liquids_volume_kbbl
    from monthly
    group by field_code, month
),

covered as (
    select
        by_field.*,
        {{ covered_days('by_field.month', "cast(by_field.month + interval '1 month' as date)", 'fields.first_period_start', 'fields.reported_until') }} as reported_days
    from by_field
    left join fields
        on by_field.field_code = fields.field_code
),

final as (
    select
        field_code,
        field_name,
        month,
        year,
        calendar_days,
        reported_days,
        well_count,
        producing_days,
        oil_volume_kbbl,
        gas_volume_mmcf,
        water_volume_kbbl,
        liquids_volume_kbbl,
        oil_volume_kbbl / nullif(reported_days, 0) as oil_rate_kbd,
        gas_volume_mmcf / nullif(reported_days, 0) as gas_rate_mmcfd,
        water_volume_kbbl / nullif(reported_days, 0) as water_rate_kbd
    from covered
)

select * from final
