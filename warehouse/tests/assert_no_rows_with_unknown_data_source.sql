{{ config(severity='warn') }}

-- Data rule: raw rows whose data_source is not in the seed data_sources are kept out; this counts them.

with

rejects as (
    select * from {{ ref('stg_well_production_rejects') }}
),

final as (
    select * from rejects
    where reject_reason = 'unknown_data_source'
)

select * from final
