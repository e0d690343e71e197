{{ config(severity='warn') }}

-- Data rule: older versions of a well and period (the latest updated_at wins) are kept out; this counts them.

with

rejects as (
    select * from {{ ref('stg_well_production_rejects') }}
),

final as (
    select * from rejects
    where reject_reason = 'superseded_duplicate'
)

select * from final
