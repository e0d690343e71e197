-- Logic rule: every well-year of mart_production_yearly equals the sum of its months in mart_production_monthly, and
-- every field-month and field-year equals the sum of its wells, to 1e-6 relative (severity error).

with

monthly as (
    select * from {{ ref('mart_production_monthly') }}
),

yearly as (
    select * from {{ ref('mart_production_yearly') }}
),

field_yearly as (
    select * from {{ ref('mart_field_production_yearly') }}
),

well_years as (
    select
        well_code,
        year,
        sum(coalesce(oil_volume_kbbl, 0)) as oil_volume_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) as gas_volume_mmcf,
        sum(coalesce(water_volume_kbbl, 0)) as water_volume_kbbl
    from monthly
    group by well_code, year
),

field_years as (
    select
        field_code,
        year,
        sum(coalesce(oil_volume_kbbl, 0)) as oil_volume_kbbl
    from yearly
    group by field_code, year
),

well_mismatches as (
    select
        'well' as level,
        coalesce(well_years.well_code, yearly.well_code) as code,
        coalesce(well_years.year, yearly.year) as year
    from well_years
    full outer join yearly
        on well_years.well_code = yearly.well_code
        and well_years.year = yearly.year
    where well_years.well_code is null
        or yearly.well_code is null
        or abs(well_years.oil_volume_kbbl - coalesce(yearly.oil_volume_kbbl, 0)) > 1e-6 * (1 + abs(well_years.oil_volume_kbbl))
        or abs(well_years.gas_volume_mmcf - coalesce(yearly.gas_volume_mmcf, 0)) > 1e-6 * (1 + abs(well_years.gas_volume_mmcf))
        or abs(well_years.water_volume_kbbl - coalesce(yearly.water_volume_kbbl, 0)) > 1e-6 * (1 + abs(well_years.water_volume_kbbl))
),

field_mismatches as (
    select
        'field' as level,
        field_years.field_code as code,
        field_years.year
    from field_years
    left join field_yearly
        on field_years.field_code = field_yearly.field_code
        and field_years.year = field_yearly.year
    where abs(field_years.oil_volume_kbbl - coalesce(field_yearly.oil_volume_kbbl, 0)) > 1e-6 * (1 + abs(field_years.oil_volume_kbbl))
),

final as (
    select * from well_mismatches
    union all
    select * from field_mismatches
)

select * from final
