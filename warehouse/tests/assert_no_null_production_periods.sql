{{ config(severity='warn') }}

-- Data rule: raw rows without a production period are kept out of the warehouse; this counts them.

with

rejects as (
    select * from {{ ref('stg_well_production_rejects') }}
),

final as (
    select * from rejects
    where reject_reason = 'null_production_period'
)

select * from final
