{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- Production per well and calendar year: the monthly volumes summed (never rates), calendar-day average rates,
-- producing days and end-of-year cumulatives (docs/domain.md). The rates divide by reported_days, the days of the year
-- inside the well's reported span (int_wells), so a partial year counts its own days (NPD's snapshot of early 2013:
-- Ekofisk's January and February 2013 over 59 days, not 365); a month without a report inside the span counts.

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; of a day well, its years from month_from's year on
-- (the application kept the earlier ones; a year's cumulatives are its last month's); otherwise the whole table is built
-- ("New rows only").

with

monthly as (
    select monthly.*
    from {{ ref('mart_production_monthly') }} as monthly
    {%- if is_incremental() %}
    inner join {{ ref('int_refresh_wells') }} as refresh
        on monthly.well_code = refresh.well_code
    where refresh.month_from is null or monthly.year >= year(refresh.month_from)
    {%- endif %}
),

wells as (
    select * from {{ ref('int_wells') }}
),

by_year as (
    select
        well_code,
        year,
        max(well_name) as well_name,
        max(field_code) as field_code,
        max(field_name) as field_name,
        sum(producing_days) as producing_days,
        sum(oil_volume_kbbl) as oil_volume_kbbl,
        sum(gas_volume_mmcf) as gas_volume_mmcf,
        sum(water_volume_kbbl) as water_volume_kbbl,
        sum(liquids_volume_kbbl) as liquids_volume_kbbl,
        max(month) as last_month
    from monthly
    group by well_code, year
),

year_end as (
    select
        monthly.well_code,
        monthly.year,
        monthly.cum_oil_kbbl,
        monthly.cum_gas_mmcf,
        monthly.cum_water_kbbl
    from monthly
    inner join by_year
        on monthly.well_code = by_year.well_code
        and monthly.month = by_year.last_month
),

covered as (
    select
        by_year.well_code,
        by_year.year,
        {{ covered_days('make_date(by_year.year, 1, 1)', 'make_date(by_year.year + 1, 1, 1)', 'wells.first_period_start', 'wells.reported_until') }} as reported_days
    from by_year
    left join wells
        on by_year.well_code = wells.well_code
),

final as (
    select
        by_year.well_code,
        by_year.well_name,
        by_year.field_code,
        by_year.field_name,
        by_year.year,
        {{ days_in_year('by_year.year') }} as calendar_days,
        covered.reported_days,
        by_year.producing_days,
        by_year.oil_volume_kbbl,
        by_year.gas_volume_mmcf,
        by_year.water_volume_kbbl,
        by_year.liquids_volume_kbbl,
        by_year.oil_volume_kbbl / nullif(covered.reported_days, 0) as oil_rate_kbd,
        by_year.gas_volume_mmcf / nullif(covered.reported_days, 0) as gas_rate_mmcfd,
        by_year.water_volume_kbbl / nullif(covered.reported_days, 0) as water_rate_kbd,
        year_end.cum_oil_kbbl,
        year_end.cum_gas_mmcf,
        year_end.cum_water_kbbl
    from by_year
    inner join year_end
        on by_year.well_code = year_end.well_code
        and by_year.year = year_end.year
    inner join covered
        on by_year.well_code = covered.well_code
        and by_year.year = covered.year
)

select * from final
