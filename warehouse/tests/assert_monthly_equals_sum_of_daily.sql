-- Logic rule: every well-month of mart_production_monthly equals the sum of that well's accepted periods in the
-- month (volumes in kbbl and MMcf, producing days), to 1e-6 relative. Fails on a logic error (severity error).
-- On an incremental refresh only the well-months this build wrote (int_refresh_wells; docs/warehouse.md, "Incremental
-- refresh"): the wells recomputed whole, and the months from the first month_from of the day wells on (a day well's
-- months before its month_from are the parent's); the rule is per well and month, and the other rows of both models
-- are the parent's, which passed it.

-- depends_on: {{ ref('int_refresh_wells') }}

with

production as (
    select * from {{ ref('stg_well_production') }}
    {%- if var('incremental_refresh', false) %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }} where new_from is null)
        or production_period >= (select min(month_from) from {{ ref('int_refresh_wells') }})
    {%- endif %}
),

monthly as (
    select * from {{ ref('mart_production_monthly') }}
    {%- if var('incremental_refresh', false) %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }} where new_from is null)
        or month >= (select min(month_from) from {{ ref('int_refresh_wells') }})
    {%- endif %}
),

summed as (
    select
        well_code,
        {{ month_start('production_period') }} as month,
        sum(coalesce(oil_volume_kbbl, 0)) as oil_volume_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) as gas_volume_mmcf,
        sum(coalesce(water_volume_kbbl, 0)) as water_volume_kbbl,
        sum(coalesce(days_on_production, 0)) as producing_days
    from production
    group by well_code, {{ month_start('production_period') }}
),

final as (
    select
        coalesce(summed.well_code, monthly.well_code) as well_code,
        coalesce(summed.month, monthly.month) as month,
        summed.oil_volume_kbbl as expected_oil_volume_kbbl,
        monthly.oil_volume_kbbl as mart_oil_volume_kbbl
    from summed
    full outer join monthly
        on summed.well_code = monthly.well_code
        and summed.month = monthly.month
    where summed.well_code is null
        or monthly.well_code is null
        or abs(summed.oil_volume_kbbl - coalesce(monthly.oil_volume_kbbl, 0)) > 1e-6 * (1 + abs(summed.oil_volume_kbbl))
        or abs(summed.gas_volume_mmcf - coalesce(monthly.gas_volume_mmcf, 0)) > 1e-6 * (1 + abs(summed.gas_volume_mmcf))
        or abs(summed.water_volume_kbbl - coalesce(monthly.water_volume_kbbl, 0)) > 1e-6 * (1 + abs(summed.water_volume_kbbl))
        or abs(summed.producing_days - coalesce(monthly.producing_days, 0)) > 1e-6 * (1 + summed.producing_days)
)

select * from final
