{{ config(severity='warn') }}

-- Data rule: raw rows dated after as_of_date (default: today) are kept out; this counts them.

with

rejects as (
    select * from {{ ref('stg_well_production_rejects') }}
),

final as (
    select * from rejects
    where reject_reason = 'future_period'
)

select * from final
