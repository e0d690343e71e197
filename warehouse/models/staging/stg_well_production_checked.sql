{{ config(materialized='view') }}

-- Every raw row, typed, with its reporting period and the rule that keeps it out of the warehouse (null when it passes):
-- the rules one row decides alone (stg_well_production_typed.row_reject_reason, in their order), then
-- superseded_duplicate (an older version of the same well and period: the latest updated_at wins, then created_at,
-- then source_data). Negative rates are not rejected: they are corrections, kept and reported by warn tests.

with

typed as (
    select * from {{ ref('stg_well_production_typed') }}
),

ranked as (
    select
        typed.*,
        row_number() over (
            partition by well_code, production_period
            order by updated_at desc, created_at desc, source_data desc
        ) as version_rank
    from typed
),

final as (
    select
        ranked.*,
        coalesce(
            row_reject_reason,
            case when version_rank > 1 then 'superseded_duplicate' end
        ) as reject_reason
    from ranked
)

select * from final
