-- The raw rows kept out of the warehouse, with the rule that rejected each; the warn tests count them per rule.

with

checked as (
    select * from {{ ref('stg_well_production_checked') }}
),

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
