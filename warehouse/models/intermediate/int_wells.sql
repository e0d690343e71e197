{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
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
-- of int_refresh_wells, whose old rows the application deleted; otherwise the whole table is built.

with

typed as (
    select * from {{ ref('stg_well_production_typed') }}
),

reported as (
    select * from typed
    where row_reject_reason is null
    {%- if is_incremental() %}
        and well_code in (select well_code from {{ ref('int_refresh_wells') }})
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

final as (
    select
        well_code,
        {{ latest_value('attributes', 'well_name') }} as well_name,
        {{ latest_value('attributes', 'well_reference') }} as well_reference,
        {{ latest_value('attributes', 'field_code') }} as field_code,
        {{ latest_value('attributes', 'field_name') }} as field_name,
        {{ latest_value('attributes', 'data_source') }} as data_source,
        {{ latest_value('attributes', 'currency') }} as currency,
        first_period_start,
        reported_until
    from latest
)

select * from final
