{{ config(severity='warn') }}

-- Data rule: rows of a monthly source not dated the first of the month are kept out; this counts them.

with

rejects as (
    select * from {{ ref('stg_well_production_rejects') }}
),

final as (
    select * from rejects
    where reject_reason = 'period_not_month_start'
)

select * from final
