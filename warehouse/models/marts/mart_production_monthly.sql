{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- Production per well and calendar month: volumes summed over the month's periods (never rates), the calendar-day
-- average rates, producing days and end-of-month cumulatives (docs/domain.md). The rates divide by reported_days, the days
-- of the month inside the well's reported span (int_wells: first period to the end of the last one): the calendar
-- days of a whole month, fewer for a partial first or last month (a daily feed reported up to the 17th: 17 days).

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; of a day well, its months from month_from on (the
-- application kept the earlier ones), its cumulatives continuing from the last month kept ("New rows only");
-- otherwise the whole table is built.

with

production as (
    select production.*
    from {{ ref('stg_well_production') }} as production
    {%- if is_incremental() %}
    inner join {{ ref('int_refresh_wells') }} as refresh
        on production.well_code = refresh.well_code
    where refresh.month_from is null or production.production_period >= refresh.month_from
    {%- endif %}
),
{%- if is_incremental() %}

-- A day well's cumulatives continue from its last month kept (the application deleted its months from month_from on).
kept as (
    select
        well_code,
        arg_max(cum_oil_kbbl, month) as cum_oil_kbbl,
        arg_max(cum_gas_mmcf, month) as cum_gas_mmcf,
        arg_max(cum_water_kbbl, month) as cum_water_kbbl
    from {{ this }}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }} where month_from is not null)
    group by well_code
),
{%- endif %}

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
        {%- if is_incremental() %},
        kept.cum_oil_kbbl as kept_cum_oil_kbbl,
        kept.cum_gas_mmcf as kept_cum_gas_mmcf,
        kept.cum_water_kbbl as kept_cum_water_kbbl
        {%- endif %}
    from by_month
    left join wells
        on by_month.well_code = wells.well_code
    {%- if is_incremental() %}
    left join kept
        on by_month.well_code = kept.well_code
    {%- endif %}
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
        {%- if is_incremental() %}
        coalesce(kept_cum_oil_kbbl, 0) + sum(coalesce(oil_volume_kbbl, 0)) over well_history as cum_oil_kbbl,
        coalesce(kept_cum_gas_mmcf, 0) + sum(coalesce(gas_volume_mmcf, 0)) over well_history as cum_gas_mmcf,
        coalesce(kept_cum_water_kbbl, 0) + sum(coalesce(water_volume_kbbl, 0)) over well_history as cum_water_kbbl
        {%- else %}
        sum(coalesce(oil_volume_kbbl, 0)) over well_history as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) over well_history as cum_gas_mmcf,
        sum(coalesce(water_volume_kbbl, 0)) over well_history as cum_water_kbbl
        {%- endif %}
    from covered
    window well_history as (
        partition by well_code
        order by month
        rows between unbounded preceding and current row
    )
)

select * from final
