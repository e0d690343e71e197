{{ config(severity='warn') }}

-- Data rule: raw rows with days_on_production below 0 or above the calendar days of the period are kept out; this counts them.

with

rejects as (
    select * from {{ ref('stg_well_production_rejects') }}
),

final as (
    select * from rejects
    where reject_reason = 'days_on_production_out_of_range'
)

select * from final
