{{ config(materialized='view') }}

-- Every raw row, typed, with its reporting period and the rule that keeps it out of the warehouse (null when it passes):
-- the rules one row decides alone (stg_well_production_typed.row_reject_reason, in their order), then
-- superseded_duplicate (an older version of the same well and period: the latest updated_at wins, then created_at,
-- then source_data; macro version_ranked). Negative rates are not rejected: they are corrections, kept and reported
-- by warn tests.

with

typed as (
    select * from {{ ref('stg_well_production_typed') }}
),

final as (
    {{ version_ranked('typed') }}
)

select * from final
