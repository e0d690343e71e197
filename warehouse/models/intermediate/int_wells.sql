{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key='well_code', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- One row per well: its name, operator's reference, field, data source and the data source's currency, as last
-- reported, and the span its periods cover (first_period_start to reported_until, the day after its last period: the
-- marts divide a period's volume by the days of it inside this span, so a partial first or last month or year counts
-- its own days); the attributes of the row with the latest period, then the latest version (updated_at, created_at,
-- source_data), among the raw rows that pass the row rules (stg_well_production_typed.row_reject_reason).
-- Kept apart from stg_well_production so that 10 M period rows do not repeat five per-well values each. Reads
-- stg_well_production_typed, not _checked, so no sort ranks the versions (a hash aggregate over the source's
-- columns): a superseded version counts here (the versions of one well and period carry the same attributes in every feed seen; if a later
-- version renamed the well, the latest version still wins by the ordering above).

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; a day well's row (kept by the application) is
-- replaced by one from its new rows alone (their periods follow every earlier row's, so the latest row is among them)
-- and its kept row's first period ("New rows only"): delete+insert on well_code. Otherwise the whole table is built.

with

typed as (
    select * from {{ ref('stg_well_production_typed') }}
),

reported as (
    select typed.*
    from typed
    {%- if is_incremental() %}
    inner join {{ ref('int_refresh_wells') }} as refresh
        on typed.well_code = refresh.well_code
    {%- endif %}
    where typed.row_reject_reason is null
    {%- if is_incremental() %}
        and (refresh.new_from is null or typed.production_period >= refresh.new_from)
    {%- endif %}
),

latest as (
    select
        well_code,
        {{ latest_values(
            ['well_name', 'well_reference', 'field_code', 'field_name', 'data_source', 'currency'],
            ['production_period', 'updated_at', 'created_at', 'source_data'],
            'attributes'
        ) }},
        min(production_period) as first_period_start,
        max(production_period + cast(period_days as integer)) as reported_until
    from reported
    group by well_code
),

{%- if is_incremental() %}

kept as (
    select well_code, first_period_start
    from {{ this }}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }} where new_from is not null)
),
{%- endif %}

final as (
    select
        latest.well_code,
        {{ latest_value('attributes', 'well_name') }} as well_name,
        {{ latest_value('attributes', 'well_reference') }} as well_reference,
        {{ latest_value('attributes', 'field_code') }} as field_code,
        {{ latest_value('attributes', 'field_name') }} as field_name,
        {{ latest_value('attributes', 'data_source') }} as data_source,
        {{ latest_value('attributes', 'currency') }} as currency,
        {%- if is_incremental() %}
        coalesce(kept.first_period_start, latest.first_period_start) as first_period_start,
        {%- else %}
        first_period_start,
        {%- endif %}
        reported_until
    from latest
    {%- if is_incremental() %}
    left join kept
        on latest.well_code = kept.well_code
    {%- endif %}
)

select * from final
