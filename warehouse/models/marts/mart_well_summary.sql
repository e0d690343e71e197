{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- One row per well: identity, first and last producing period, producing days, cumulatives (kbbl, MMcf), the
-- current calendar-day rates (the last month's), the oil decline parameters and the EUR (DOMAIN.md: cumulative to
-- date + forecast volume while the rate stays at or above the economic limit, within the forecast horizon), with the
-- remaining reserves and the P10 (high) / P90 (low) EUR. EUR is NULL for a stream whose history could not be fit.

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; otherwise the whole table is built.

with

production as (
    select * from {{ ref('stg_well_production') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }})
    {%- endif %}
),

well_attributes as (
    select * from {{ ref('int_wells') }}
),

monthly as (
    select * from {{ ref('mart_production_monthly') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }})
    {%- endif %}
),

curves as (
    select * from {{ ref('int_declining_curves') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }})
    {%- endif %}
),

wells as (
    select
        well_code,
        min(case when oil_volume_kbbl > 0 or gas_volume_mmcf > 0 then production_period end) as first_production_date,
        max(case when oil_volume_kbbl > 0 or gas_volume_mmcf > 0 then production_period end) as last_production_date,
        sum(days_on_production) as producing_days,
        sum(coalesce(oil_volume_kbbl, 0)) as cum_oil_kbbl,
        sum(coalesce(gas_volume_mmcf, 0)) as cum_gas_mmcf,
        sum(coalesce(water_volume_kbbl, 0)) as cum_water_kbbl
    from production
    group by well_code
),

last_month as (
    select
        well_code,
        max(month) as month
    from monthly
    group by well_code
),

current_rates as (
    select
        monthly.well_code,
        monthly.oil_rate_kbd as current_oil_rate_kbd,
        monthly.gas_rate_mmcfd as current_gas_rate_mmcfd
    from monthly
    inner join last_month
        on monthly.well_code = last_month.well_code
        and monthly.month = last_month.month
),

forecast as (
    select
        well_code,
        stream,
        max(model) as model,
        max(qi) as qi,
        max(di_nominal_per_year) as di_nominal_per_year,
        max(b) as b,
        max(dmin_per_year) as dmin_per_year,
        sum(case when fitted_rate >= economic_limit then fitted_rate * days end) as remaining_p50,
        sum(case when rate_p10 >= economic_limit then rate_p10 * days end) as remaining_p10,
        sum(case when rate_p90 >= economic_limit then rate_p90 * days end) as remaining_p90
    from (
        select
            curves.*,
            {{ days_in_month('production_period') }} as days,
            case
                when stream = 'oil' then {{ var('economic_limit_oil_kbd') }}
                else {{ var('economic_limit_gas_mmcfd') }}
            end as economic_limit
        from curves
        where is_forecast
    ) as forecast_months
    group by well_code, stream
),

final as (
    select
        wells.well_code,
        well_attributes.well_name,
        well_attributes.well_reference,
        well_attributes.field_code,
        well_attributes.field_name,
        well_attributes.data_source,
        wells.first_production_date,
        wells.last_production_date,
        wells.producing_days,
        wells.cum_oil_kbbl,
        wells.cum_gas_mmcf,
        wells.cum_water_kbbl,
        current_rates.current_oil_rate_kbd,
        current_rates.current_gas_rate_mmcfd,
        oil.model as oil_model,
        oil.qi as oil_qi_kbd,
        oil.di_nominal_per_year as oil_di_nominal_per_year,
        oil.b as oil_b,
        oil.dmin_per_year as oil_dmin_per_year,
        case when oil.model is not null then wells.cum_oil_kbbl + coalesce(oil.remaining_p50, 0) end as oil_eur_kbbl,
        case when oil.model is not null then coalesce(oil.remaining_p50, 0) end as oil_remaining_kbbl,
        case when oil.model is not null then wells.cum_oil_kbbl + coalesce(oil.remaining_p10, 0) end as oil_eur_p10_kbbl,
        case when oil.model is not null then wells.cum_oil_kbbl + coalesce(oil.remaining_p90, 0) end as oil_eur_p90_kbbl,
        case when gas.model is not null then wells.cum_gas_mmcf + coalesce(gas.remaining_p50, 0) end as gas_eur_mmcf
    from wells
    left join well_attributes
        on wells.well_code = well_attributes.well_code
    left join current_rates
        on wells.well_code = current_rates.well_code
    left join forecast as oil
        on wells.well_code = oil.well_code
        and oil.stream = 'oil'
    left join forecast as gas
        on wells.well_code = gas.well_code
        and gas.stream = 'gas'
)

select * from final
