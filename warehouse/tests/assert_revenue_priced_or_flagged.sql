-- Logic rule (docs/domain.md): a revenue month either has a price and a rate and a revenue, or is flagged
-- (is_priced = false) with NULL revenue; never a silent zero or a revenue without its inputs (severity error).

with

revenue as (
    select * from {{ ref('mart_revenue') }}
),

final as (
    select * from revenue
    where (is_priced and (revenue_usd is null or revenue_local is null or oil_price_usd_per_bbl is null
            or gas_price_usd_per_mmbtu is null or fx_local_per_usd is null))
        or (not is_priced and (revenue_usd is not null or revenue_local is not null))
)

select * from final
