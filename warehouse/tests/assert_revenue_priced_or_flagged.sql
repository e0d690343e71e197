-- Logic rule (docs/domain.md): a stream's revenue is NULL exactly when it produced without a price (0 when it produced
-- nothing); revenue_usd is NULL exactly when a stream's is; revenue_local exactly when revenue_usd or the rate is; and
-- is_priced says whether revenue_local is there. Never a silent zero, never a revenue without its inputs (severity
-- error).

with

revenue as (
    select * from {{ ref('mart_revenue') }}
),

final as (
    select * from revenue
    where (oil_revenue_usd is null) <> (oil_volume_bbl <> 0 and oil_price_usd_per_bbl is null)
        or (gas_revenue_usd is null) <> (gas_volume_mcf <> 0 and gas_price_usd_per_mmbtu is null)
        or (revenue_usd is null) <> (oil_revenue_usd is null or gas_revenue_usd is null)
        or (revenue_local is null) <> (revenue_usd is null or fx_local_per_usd is null)
        or is_priced <> (revenue_local is not null)
)

select * from final
