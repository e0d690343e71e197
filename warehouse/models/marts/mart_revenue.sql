{{ config(materialized='incremental', incremental_strategy='append', full_refresh=not var('incremental_refresh', false)) }}
-- depends_on: {{ ref('int_refresh_wells') }}

-- Revenue per well and month (docs/domain.md), per stream: oil volume (bbl) x the oil benchmark (USD/bbl) and gas volume
-- (Mcf) x heat content (MMBtu/Mcf) x the gas benchmark (USD/MMBtu), the benchmarks of the well's price region (seed
-- data_sources -> seed price_benchmarks: Brent and the World Bank's European gas price for the North Sea, WTI and
-- Henry Hub for North Dakota and the US). A stream's revenue is 0 when it
-- produced nothing, NULL only when it produced without a price; revenue_usd is their sum (NULL when one is NULL), local
-- currency = USD x local-per-USD rate of the month of the data source's currency (else the var default_currency).
-- is_priced is false when revenue_local is NULL (reported by a warn test), never a silent zero. NGL and condensate
-- (liquids - oil) are shown but not priced: the project's data hold no NGL or condensate price.

-- Incremental (docs/warehouse.md, "Incremental refresh"): on an incremental refresh it appends the rows of the wells
-- of int_refresh_wells, whose old rows the application deleted; of a day well, its months from month_from on (the
-- application kept the earlier ones); otherwise the whole table is built
-- ("New rows only").

with

monthly as (
    select monthly.*
    from {{ ref('mart_production_monthly') }} as monthly
    {%- if is_incremental() %}
    inner join {{ ref('int_refresh_wells') }} as refresh
        on monthly.well_code = refresh.well_code
    where refresh.month_from is null or monthly.month >= refresh.month_from
    {%- endif %}
),

wells as (
    select * from {{ ref('int_wells') }}
),

data_sources as (
    select * from {{ ref('data_sources') }}
),

price_benchmarks as (
    select * from {{ ref('price_benchmarks') }}
),

prices as (
    select * from {{ ref('prices') }}
),

currency_rates as (
    select * from {{ ref('currency_rates') }}
),

well_markets as (
    select
        wells.well_code,
        coalesce(wells.currency, '{{ var("default_currency") }}') as currency,
        oil.benchmark as oil_benchmark,
        gas.benchmark as gas_benchmark
    from wells
    left join data_sources
        on wells.data_source = data_sources.data_source
    left join price_benchmarks as oil
        on data_sources.price_region = oil.price_region
        and oil.stream = 'oil'
    left join price_benchmarks as gas
        on data_sources.price_region = gas.price_region
        and gas.stream = 'gas'
),

priced as (
    select
        monthly.well_code,
        monthly.field_code,
        monthly.month,
        coalesce(monthly.oil_volume_kbbl, 0) * 1000 as oil_volume_bbl,
        coalesce(monthly.gas_volume_mmcf, 0) * 1000 as gas_volume_mcf,
        greatest(coalesce(monthly.liquids_volume_kbbl, 0) - coalesce(monthly.oil_volume_kbbl, 0), 0) * 1000
            as ngl_condensate_volume_bbl,
        well_markets.oil_benchmark,
        oil_prices.price_usd as oil_price_usd_per_bbl,
        well_markets.gas_benchmark,
        gas_prices.price_usd as gas_price_usd_per_mmbtu,
        cast({{ var('heat_content_mmbtu_per_mcf') }} as {{ float_type() }}) as heat_content_mmbtu_per_mcf,
        well_markets.currency,
        case
            when well_markets.currency = 'USD' then 1.0
            else currency_rates.local_per_usd
        end as fx_local_per_usd
    from monthly
    inner join well_markets
        on monthly.well_code = well_markets.well_code
    left join prices as oil_prices
        on monthly.month = oil_prices.month
        and well_markets.oil_benchmark = oil_prices.benchmark
    left join prices as gas_prices
        on monthly.month = gas_prices.month
        and well_markets.gas_benchmark = gas_prices.benchmark
    left join currency_rates
        on monthly.month = currency_rates.month
        and well_markets.currency = currency_rates.currency
),

streams as (
    select
        priced.*,
        case when oil_volume_bbl = 0 then 0 else oil_volume_bbl * oil_price_usd_per_bbl end as oil_revenue_usd,
        case
            when gas_volume_mcf = 0 then 0
            else gas_volume_mcf * heat_content_mmbtu_per_mcf * gas_price_usd_per_mmbtu
        end as gas_revenue_usd
    from priced
),

final as (
    select
        well_code,
        field_code,
        month,
        oil_volume_bbl,
        gas_volume_mcf,
        ngl_condensate_volume_bbl,
        oil_benchmark,
        oil_price_usd_per_bbl,
        gas_benchmark,
        gas_price_usd_per_mmbtu,
        heat_content_mmbtu_per_mcf,
        oil_revenue_usd,
        gas_revenue_usd,
        oil_revenue_usd + gas_revenue_usd as revenue_usd,
        currency,
        fx_local_per_usd,
        (oil_revenue_usd + gas_revenue_usd) * fx_local_per_usd as revenue_local,
        (oil_revenue_usd + gas_revenue_usd) * fx_local_per_usd is not null as is_priced
    from streams
)

select * from final
