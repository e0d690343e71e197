{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- Production per well and calendar month: volumes summed over the month's periods (never rates), the calendar-day
-- average rates, producing days and end-of-month cumulatives (docs/domain.md). The rates divide by reported_days, the days
-- of the month inside the well's reported span (int_wells: first period to the end of the last one): the calendar
-- days of a whole month, fewer for a partial first or last month (a daily feed reported up to the 17th: 17 days).

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; otherwise the whole table is built.

with

production as (
    select * from {{ ref('stg_well_production') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }})
    {%- endif %}
),

wells as (
    select * from {{ ref('int_wells') }}
),

by_month as (
    select
        well_code,
        {{ month_start('production_period') }} as month,
        sum(days_on_production) as producing_days,
        sum(oil_volume_kbbl) as oil_volume_kbbl,
        sum(gas_volume_mmcf) as gas_volume_mmcf,
        sum(water_volume_kbbl) as water_volume_kbbl,
        sum(liquids_volume_kbbl) as liquids_volume_kbbl
    from production
    group by well_code, {{ month_start('production_period') }}
),

covered as (
    select
        by_month.*,
        wells.well_name,
        wells.field_code,
        wells.field_name,
        {{ covered_days('by_month.month', "cast(by_month.month + interval '1 month' as date)", 'wells.first_period_start', 'wells.reported_until') }} as reported_days
    from by_month
    left join wells
        on by_month.well_code = wells.well_code
),

final as (
    select
        well_code,
        well_name,
        field_code,
        field_name,
        month,
        cast(extract(year from month) as integer) as year,
        {{ days_in_month('month') }} as calendar_days,
        reported_days,
        producing_days,
        oil_volume_kbbl,
        gas_volume_mmcf,
        water_volume_kbbl,
        liquids_volume_kbbl,
        oil_volume_kbbl / nullif(reported_days, 0) as oil_rate_kbd,
        gas_volume_mmcf / nullif(reported_days, 0) as gas_rate_mmcfd,
        water_volume_kbbl / nullif(reported_days, 0) as water_rate_kbd,
        sum(coalesce(oil_volume_kbbl, 0)) over well_history as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) over well_history as cum_gas_mmcf,
        sum(coalesce(water_volume_kbbl, 0)) over well_history as cum_water_kbbl
    from covered
    window well_history as (
        partition by well_code
        order by month
        rows between unbounded preceding and current row
    )
)

select * from final
