{{ config(severity='warn') }}

-- Data rule: negative rates are corrections; they are kept (cumulatives dip) and counted here, one row per well,
-- period and stream with a negative calendar-day rate.

with

production as (
    select * from {{ ref('stg_well_production') }}
),

final as (
    select well_code, production_period, 'oil' as stream, oil_rate_kbd as rate from production where oil_rate_kbd < 0
    union all
    select well_code, production_period, 'gas' as stream, gas_rate_mmcfd as rate from production where gas_rate_mmcfd < 0
    union all
    select well_code, production_period, 'water' as stream, water_rate_kbd as rate from production where water_rate_kbd < 0
)

select * from final
