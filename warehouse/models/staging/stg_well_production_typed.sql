{{ config(materialized='view') }}
{%- set raw_source = source('raw', 'well_production') %}

-- Every raw row, typed, with its reporting period and the first rule it breaks on its own (null when none): the only
-- model that reads the source. Rules, in order (docs/domain.md): null_well_code, null_production_period,
-- unknown_data_source (not in the seed data_sources), period_not_month_start (a monthly row not dated the first of its
-- month), future_period (after as_of_date), days_on_production_out_of_range (below 0 or above the calendar days of
-- the period). stg_well_production_checked adds the one rule that compares rows (superseded_duplicate); readers that
-- need no version ranking (int_wells) read this view and skip the sort that ranking costs.
-- Negative rates are not rejected: they are corrections, kept and reported by warn tests.

with

source as (
    select * from {{ raw_well_production(raw_source) }}
),

data_sources as (
    select * from {{ ref('data_sources') }}
),

typed as (
    select
        cast(source.well_code as integer) as well_code,
        cast(source.well_name as varchar) as well_name,
        cast(source.well_reference as varchar) as well_reference,
        cast(source.field_code as integer) as field_code,
        cast(source.field_name as varchar) as field_name,
        cast(source.data_source as varchar) as data_source,
        cast(source.production_period as date) as production_period,
        cast(source.days_on_production as {{ float_type() }}) as days_on_production,
        cast(source.oil_production_kbd as {{ float_type() }}) as oil_rate_kbd,
        cast(source.gas_production_mmcfd as {{ float_type() }}) as gas_rate_mmcfd,
        cast(source.liquids_production_kbd as {{ float_type() }}) as liquids_rate_kbd,
        cast(source.water_production_kbd as {{ float_type() }}) as water_rate_kbd,
        cast(source.source_data as varchar) as source_data,
        cast(source.partition_0 as varchar) as partition_0,
        cast(source.created_at as timestamp) as created_at,
        cast(source.updated_at as timestamp) as updated_at
    from source
),

with_period as (
    select
        typed.*,
        data_sources.period_type,
        data_sources.currency,
        {{ period_days('data_sources.period_type', 'typed.production_period') }} as period_days
    from typed
    left join data_sources
        on typed.data_source = data_sources.data_source
),

row_rules as (
    select
        with_period.*,
        case
            when well_code is null then 'null_well_code'
            when production_period is null then 'null_production_period'
            when period_type is null then 'unknown_data_source'
            when period_type = 'month' and production_period <> {{ month_start('production_period') }}
                then 'period_not_month_start'
            when production_period > {{ as_of_date() }} then 'future_period'
            when days_on_production < 0 or days_on_production > period_days then 'days_on_production_out_of_range'
        end as row_reject_reason
    from with_period
)

select * from row_rules
