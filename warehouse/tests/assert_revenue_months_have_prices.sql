{{ config(severity='warn') }}

-- Data rule (docs/domain.md): counts the revenue months without a price or an exchange rate (is_priced = false, revenue
-- NULL): the seeds prices and currency_rates need those months.

with

revenue as (
    select * from {{ ref('mart_revenue') }}
),

final as (
    select well_code, month, currency, oil_price_usd_per_bbl, gas_price_usd_per_mmbtu, fx_local_per_usd
    from revenue
    where not is_priced
)

select * from final
