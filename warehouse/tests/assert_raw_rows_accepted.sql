-- A snapshot must hold production: when raw rows exist but every one was kept out (an unknown data source, future
-- periods, ...), the build fails here and the application does not publish it (severity error). One row per rule
-- that rejected rows, with its count, so the failure says why.

with

accepted as (
    select well_code from {{ ref('stg_well_production') }}
),

rejects as (
    select reject_reason from {{ ref('stg_well_production_rejects') }}
),

final as (
    select reject_reason, count(*) as rejected_rows
    from rejects
    where not exists (select 1 from accepted)
    group by reject_reason
)

select * from final
