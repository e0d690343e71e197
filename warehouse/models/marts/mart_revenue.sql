{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- Revenue per well and month (docs/domain.md): oil volume (bbl) x Brent (USD/bbl) + gas volume (Mcf) x heat content
-- (MMBtu/Mcf) x Henry Hub (USD/MMBtu); local currency = USD x local-per-USD rate of the month. The currency is the
-- data source's (seed data_sources), else the var default_currency. A month without a price or a rate has NULL
-- revenue and is_priced = false (reported by a warn test), never a silent zero.

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; otherwise the whole table is built.

with

monthly as (
    select * from {{ ref('mart_production_monthly') }}
    {%- if is_incremental() %}
    where well_code in (select well_code from {{ ref('int_refresh_wells') }})
    {%- endif %}
),

wells as (
    select * from {{ ref('int_wells') }}
),

prices as (
    select * from {{ ref('prices') }}
),

currency_rates as (
    select * from {{ ref('currency_rates') }}
),

well_currency as (
    select
        well_code,
        coalesce(currency, '{{ var("default_currency") }}') as currency
    from wells
),

priced as (
    select
        monthly.well_code,
        monthly.field_code,
        monthly.month,
        coalesce(monthly.oil_volume_kbbl, 0) * 1000 as oil_volume_bbl,
        coalesce(monthly.gas_volume_mmcf, 0) * 1000 as gas_volume_mcf,
        prices.brent_usd_per_bbl as oil_price_usd_per_bbl,
        prices.henry_hub_usd_per_mmbtu as gas_price_usd_per_mmbtu,
        cast({{ var('heat_content_mmbtu_per_mcf') }} as {{ float_type() }}) as heat_content_mmbtu_per_mcf,
        well_currency.currency,
        case
            when well_currency.currency = 'USD' then 1.0
            else currency_rates.local_per_usd
        end as fx_local_per_usd
    from monthly
    inner join well_currency
        on monthly.well_code = well_currency.well_code
    left join prices
        on monthly.month = prices.month
    left join currency_rates
        on monthly.month = currency_rates.month
        and well_currency.currency = currency_rates.currency
),

revenue as (
    select
        priced.*,
        oil_volume_bbl * oil_price_usd_per_bbl as oil_revenue_usd,
        gas_volume_mcf * heat_content_mmbtu_per_mcf * gas_price_usd_per_mmbtu as gas_revenue_usd,
        oil_price_usd_per_bbl is not null
            and gas_price_usd_per_mmbtu is not null
            and fx_local_per_usd is not null as is_priced
    from priced
),

final as (
    select
        well_code,
        field_code,
        month,
        oil_volume_bbl,
        gas_volume_mcf,
        oil_price_usd_per_bbl,
        gas_price_usd_per_mmbtu,
        heat_content_mmbtu_per_mcf,
        case when is_priced then oil_revenue_usd end as oil_revenue_usd,
        case when is_priced then gas_revenue_usd end as gas_revenue_usd,
        case when is_priced then oil_revenue_usd + gas_revenue_usd end as revenue_usd,
        currency,
        fx_local_per_usd,
        case when is_priced then (oil_revenue_usd + gas_revenue_usd) * fx_local_per_usd end as revenue_local,
        is_priced
    from revenue
)

select * from final
