{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key='well_code', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- One row per well: its first and last period with oil or gas above zero, producing days and cumulative volumes to
-- date (kbbl, MMcf), summed over its accepted periods (stg_well_production); mart_well_summary's history columns. Kept
-- apart from the summary, which is rebuilt whole on every refresh (its status and reserves move with the data's as-of
-- date), so that a refresh does not sum every staged row again.

-- Incremental (docs/warehouse.md, "New rows only"): on an incremental refresh it sums the rows of the wells of
-- int_refresh_wells, whose old rows the application deleted; a day well's row (kept by the application) is replaced
-- (delete+insert on well_code) by its kept totals continued with its new rows alone, which follow every earlier row
-- (sums in another order: equal to rounding). Otherwise the whole table is built.

with

production as (
    select production.*
    from {{ ref('stg_well_production') }} as production
    {%- if is_incremental() %}
    inner join {{ ref('int_refresh_wells') }} as refresh
        on production.well_code = refresh.well_code
    where refresh.new_from is null or production.production_period >= refresh.new_from
    {%- endif %}
),

totals as (
    select
        well_code,
        min(case when oil_volume_kbbl > 0 or gas_volume_mmcf > 0 then production_period end) as first_production_date,
        max(case when oil_volume_kbbl > 0 or gas_volume_mmcf > 0 then production_period end) as last_production_date,
        sum(days_on_production) as producing_days,
        sum(coalesce(oil_volume_kbbl, 0)) as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) as cum_gas_mmcf,
        sum(coalesce(water_volume_kbbl, 0)) as cum_water_kbbl
    from production
    group by well_code
),
{%- if is_incremental() %}

-- A day well's totals before its new rows (the application kept its row).
kept as (
    select *
    from {{ this }}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }} where new_from is not null)
),
{%- endif %}

final as (
    select
        totals.well_code,
        {%- if is_incremental() %}
        coalesce(kept.first_production_date, totals.first_production_date) as first_production_date,
        coalesce(totals.last_production_date, kept.last_production_date) as last_production_date,
        case
            when kept.producing_days is null then totals.producing_days
            when totals.producing_days is null then kept.producing_days
            else kept.producing_days + totals.producing_days
        end as producing_days,
        coalesce(kept.cum_oil_kbbl, 0) + totals.cum_oil_kbbl as cum_oil_kbbl,
        coalesce(kept.cum_gas_mmcf, 0) + totals.cum_gas_mmcf as cum_gas_mmcf,
        coalesce(kept.cum_water_kbbl, 0) + totals.cum_water_kbbl as cum_water_kbbl
        {%- else %}
        totals.first_production_date,
        totals.last_production_date,
        totals.producing_days,
        totals.cum_oil_kbbl,
        totals.cum_gas_mmcf,
        totals.cum_water_kbbl
        {%- endif %}
    from totals
    {%- if is_incremental() %}
    left join kept
        on totals.well_code = kept.well_code
    {%- endif %}
)

select * from final
