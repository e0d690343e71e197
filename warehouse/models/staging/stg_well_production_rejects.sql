{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}
-- depends_on: {{ ref('stg_well_production_typed') }}

-- The raw rows kept out of the warehouse, with the rule that rejected each; the warn tests count them per rule.

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted, and the rows without a well, ranking the versions of
-- those rows only (macro version_ranked, as stg_well_production_accepted does); of a day well only its rows from
-- new_from on, as stg_well_production_accepted; otherwise the whole table is built.

with

{% if is_incremental() -%}
refreshed_typed as (
    select typed.*
    from {{ ref('stg_well_production_typed') }} as typed
    left join {{ ref('int_refresh_wells') }} as refresh
        on typed.well_code = refresh.well_code
    where typed.well_code is null
        or (refresh.well_code is not null and (refresh.new_from is null or typed.production_period >= refresh.new_from))
),

checked as (
    {{ version_ranked('refreshed_typed') }}
),
{%- else -%}
checked as (
    {{ version_checked(ref('stg_well_production_typed')) }}
),
{%- endif %}

final as (
    select
        reject_reason,
        well_code,
        production_period,
        data_source,
        days_on_production,
        period_days,
        source_data,
        updated_at
    from checked
    where reject_reason is not null
)

select * from final
