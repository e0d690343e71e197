using System.Globalization;
using Wellhouse.Testing;

namespace Wellhouse.Tests.RealData;

/// <summary>
/// Issue 15, defect 6, on the data that showed it: Brent priced Bakken oil and Henry Hub Norwegian gas, an oil-only
/// month without a gas price got a NULL revenue although its gas volume was 0, and NGL and condensate earned nothing
/// without saying so. Benchmarks now come per price region from the seeds data_sources and price_benchmarks; Norwegian
/// gas is priced at the World Bank's European gas price (seed prices, benchmark europe_gas).
/// </summary>
[Collection(NorthDakotaBuildCollection.Name)]
public sealed class NorthDakotaRevenueTests(NorthDakotaBuildFixture fixture)
{
    [Fact]
    public async Task Revenue_BakkenOil_IsPricedAtWtiOfItsMonth()
    {
        // Held out: EIA's WTI monthly series as published (../shared/data/raw/oil-prices, the 15th stands for the month).
        var wti = File.ReadLines(SharedData.Require("data/raw/oil-prices/wti-monthly.csv")).Skip(1)
            .Select(line => line.Trim().Split(','))
            .ToDictionary(f => DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-14),
                f => double.Parse(f[1], CultureInfo.InvariantCulture));
        var rows = await fixture.Build.QueryAsync("""
            select month, oil_benchmark, gas_benchmark, oil_volume_bbl, oil_price_usd_per_bbl, oil_revenue_usd, gas_revenue_usd,
                gas_volume_mcf * heat_content_mmbtu_per_mcf * gas_price_usd_per_mmbtu, revenue_usd, is_priced, currency
            from mart_revenue
            """);

        Assert.True(rows.Count > 25_000, $"{rows.Count} well-months");
        Assert.All(rows, row =>
        {
            Assert.Equal("wti", row[1]);
            Assert.Equal("henry_hub", row[2]);
            Assert.Equal(wti[(DateOnly)row[0]!], Convert.ToDouble(row[4], CultureInfo.InvariantCulture));
            Assert.Equal(Convert.ToDouble(row[3], CultureInfo.InvariantCulture) * wti[(DateOnly)row[0]!], Convert.ToDouble(row[5], CultureInfo.InvariantCulture), 1e-6);
            Assert.Equal(Convert.ToDouble(row[5], CultureInfo.InvariantCulture) + Convert.ToDouble(row[6], CultureInfo.InvariantCulture),
                Convert.ToDouble(row[8], CultureInfo.InvariantCulture), 1e-6);
            Assert.Equal(true, row[9]);
            Assert.Equal("USD", row[10]);
        });
    }
}

[Collection(NpdBuildCollection.Name)]
public sealed class NpdRevenueTests(NpdBuildFixture fixture)
{
    [Fact]
    public async Task Revenue_NorwegianFields_OilAtBrentGasAtTheEuropeanGasPriceOilOnlyMonthsPriced()
    {
        var summary = Assert.Single(await fixture.Build.QueryAsync("""
            select count(*) filter (where oil_benchmark is distinct from 'brent'),
                count(*) filter (where gas_benchmark is distinct from 'europe_gas'),
                count(*) filter (where gas_volume_mcf > 0 and not (gas_revenue_usd > 0)),
                count(*) filter (where gas_volume_mcf = 0 and oil_volume_bbl > 0 and oil_price_usd_per_bbl is not null
                    and (gas_revenue_usd <> 0 or revenue_usd is null or not is_priced)),
                count(*) filter (where gas_volume_mcf = 0 and oil_volume_bbl > 0 and oil_price_usd_per_bbl is not null),
                count(*) filter (where ngl_condensate_volume_bbl > 0),
                count(*) filter (where currency <> 'NOK')
            from mart_revenue
            """));

        Assert.Equal(0L, Convert.ToInt64(summary[0], CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(summary[1], CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(summary[2], CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(summary[3], CultureInfo.InvariantCulture));
        Assert.True(Convert.ToInt64(summary[4], CultureInfo.InvariantCulture) > 100, "no oil-only months were priced");
        Assert.True(Convert.ToInt64(summary[5], CultureInfo.InvariantCulture) > 100, "no NGL or condensate volume shown");
        Assert.Equal(0L, Convert.ToInt64(summary[6], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Revenue_TrollMarchAndApril2010_GasIsPricedAtTheEuropeanGasPriceOfTheJune2010PinkSheet()
    {
        var rows = await fixture.Build.QueryAsync("""
            select r.month, r.gas_benchmark, r.gas_volume_mcf, r.gas_price_usd_per_mmbtu, r.heat_content_mmbtu_per_mcf,
                r.gas_revenue_usd, r.oil_revenue_usd, r.revenue_usd, r.is_priced
            from mart_revenue r
            inner join int_wells w on w.well_code = r.well_code
            where w.field_name = 'TROLL' and r.month in (date '2010-03-01', date '2010-04-01')
            order by r.month
            """);

        // Held out: NPD's field table (TROLL sold 3.53471 and 1.59732 billion Sm3 of gas in March and April 2010) and the
        // World Bank's Pink Sheet of June 2010 (Natural gas, Europe: 8.93 and 7.52 USD/MMBtu), not the seed.
        Assert.Equal(2, rows.Count);
        (double BillionSm3, double Price)[] published = [(3.53471, 8.93), (1.59732, 7.52)];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var mcf = published[i].BillionSm3 * 1e9 * 35.31467 / 1000;
            Assert.Equal("europe_gas", row[1]);
            Assert.Equal(mcf, Convert.ToDouble(row[2], CultureInfo.InvariantCulture), mcf * 1e-9);
            Assert.Equal(published[i].Price, Convert.ToDouble(row[3], CultureInfo.InvariantCulture), 0.005);
            Assert.Equal(1.037, Convert.ToDouble(row[4], CultureInfo.InvariantCulture));
            var gas = mcf * 1.037 * published[i].Price;
            Assert.Equal(gas, Convert.ToDouble(row[5], CultureInfo.InvariantCulture), gas * 1e-3);
            Assert.Equal(Convert.ToDouble(row[5], CultureInfo.InvariantCulture) + Convert.ToDouble(row[6], CultureInfo.InvariantCulture),
                Convert.ToDouble(row[7], CultureInfo.InvariantCulture), 1e-3);
            Assert.Equal(true, row[8]);
        }
    }

    [Fact]
    public async Task Revenue_YmeFebruary2001_OilOnlyMonthIsBrentTimesBarrelsInUsdAndNok()
    {
        var row = Assert.Single(await fixture.Build.QueryAsync("""
            select r.oil_volume_bbl, r.gas_volume_mcf, r.oil_revenue_usd, r.gas_revenue_usd, r.revenue_usd, r.revenue_local,
                p.price_usd, c.local_per_usd
            from mart_revenue r
            inner join int_wells w on w.well_code = r.well_code
            inner join prices p on p.month = r.month and p.benchmark = 'brent'
            inner join currency_rates c on c.month = r.month and c.currency = 'NOK'
            where w.field_name = 'YME' and r.month = date '2001-02-01'
            """));

        // NPD: YME produced 0.12778 million Sm3 of oil and no gas in February 2001.
        Assert.Equal(0.12778e6 * 6.289811, Convert.ToDouble(row[0], CultureInfo.InvariantCulture), 1e-3);
        Assert.Equal(0.0, Convert.ToDouble(row[1], CultureInfo.InvariantCulture));
        var oil = Convert.ToDouble(row[0], CultureInfo.InvariantCulture) * Convert.ToDouble(row[6], CultureInfo.InvariantCulture);
        Assert.Equal(oil, Convert.ToDouble(row[2], CultureInfo.InvariantCulture), 1e-6);
        Assert.Equal(0.0, Convert.ToDouble(row[3], CultureInfo.InvariantCulture));
        Assert.Equal(oil, Convert.ToDouble(row[4], CultureInfo.InvariantCulture), 1e-6);
        Assert.Equal(oil * Convert.ToDouble(row[7], CultureInfo.InvariantCulture), Convert.ToDouble(row[5], CultureInfo.InvariantCulture), 1e-3);
    }
}
