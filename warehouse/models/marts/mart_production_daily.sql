{{ config(materialized='view') }}

-- The reported periods of each well as staged (volumes, calendar-day and producing-day rates; docs/domain.md) beside the
-- well's name, reference, field and currency: what the API serves as a well's daily production. A view: the
-- staging table holds the periods, int_wells the attributes, and a reader asks for one well.

with

production as (
    select * from {{ ref('stg_well_production') }}
),

wells as (
    select * from {{ ref('int_wells') }}
),

final as (
    select
        production.well_code,
        wells.well_name,
        wells.well_reference,
        wells.field_code,
        wells.field_name,
        production.data_source,
        production.period_type,
        wells.currency,
        production.production_period,
        production.period_days,
        production.days_on_production,
        production.oil_volume_kbbl,
        production.gas_volume_mmcf,
        production.water_volume_kbbl,
        production.liquids_volume_kbbl,
        production.oil_rate_kbd,
        production.gas_rate_mmcfd,
        production.water_rate_kbd,
        production.oil_producing_rate_kbd,
        production.gas_producing_rate_mmcfd,
        production.water_producing_rate_kbd,
        production.updated_at
    from production
    left join wells
        on production.well_code = wells.well_code
)

select * from final
