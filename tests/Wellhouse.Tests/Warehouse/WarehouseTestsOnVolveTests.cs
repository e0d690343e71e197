using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Tests.Warehouse;

/// <summary>The project's tests on the Volve build: logic rules pass, data rules count what Volve has.</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class WarehouseTestsOnVolveTests(VolveBuildFixture fixture)
{
    /// <summary>The warn tests Volve trips: its four negative water volumes (corrections) and what they cause. Its months
    /// with gas are priced (the World Bank's European gas price), so assert_revenue_months_have_prices passes.</summary>
    private static readonly string[] KnownWarnings = ["assert_cumulative_never_decreases", "data_rule_negative_rate"];

    [Theory]
    [InlineData("assert_monthly_equals_sum_of_daily")]
    [InlineData("assert_yearly_equals_sum_of_monthly")]
    [InlineData("assert_revenue_priced_or_flagged")]
    [InlineData("assert_forecast_percentiles_ordered")]
    [InlineData("assert_raw_rows_accepted")]
    [InlineData("assert_revenue_months_have_prices")]
    [InlineData("data_rule_null_well_code")]
    [InlineData("data_rule_null_production_period")]
    [InlineData("data_rule_future_period")]
    [InlineData("data_rule_superseded_duplicate")]
    [InlineData("data_rule_days_on_production_out_of_range")]
    [InlineData("data_rule_unknown_data_source")]
    [InlineData("data_rule_period_not_month_start")]
    public void Test_OnVolve_FindsNothing(string test)
    {
        var result = fixture.Build.Test(test);

        Assert.Equal(NodeStatus.Pass, result.Status);
        Assert.Equal(0, result.Failures);
    }

    [Fact]
    public void NegativeRates_OnVolve_CountsTheFourWaterCorrections()
    {
        var result = fixture.Build.Test("data_rule_negative_rate");

        Assert.Equal(NodeStatus.Warn, result.Status);
        Assert.Equal(4, result.Failures);
    }

    [Fact]
    public void CumulativeNeverDecreases_OnVolve_ReportsTheCorrections()
    {
        var result = fixture.Build.Test("assert_cumulative_never_decreases");

        Assert.Equal(NodeStatus.Warn, result.Status);
        Assert.Equal(4, result.Failures);
    }

    [Fact]
    public void EveryTest_OnVolve_PassesOrWarnsOnlyOnTheWaterCorrectionsAndUnpricedGas()
    {
        var tests = fixture.Build.Results.Where(result => result.Node.ResourceType == ResourceType.Test).ToList();
        var warned = tests.Where(result => result.Status == NodeStatus.Warn).Select(result => result.Node.Name).Order(StringComparer.Ordinal);

        Assert.All(tests, result => Assert.True(result.Status is NodeStatus.Pass or NodeStatus.Warn, result.ToString()));
        Assert.Equal(KnownWarnings, warned);
    }

    [Fact]
    public async Task RevenueMonths_OnVolve_GasIsPricedAtTheEuropeanGasPrice()
    {
        var withGas = await fixture.Build.ScalarAsync<long>(
            "select count(*) from mart_revenue where gas_volume_mcf <> 0 and gas_benchmark = 'europe_gas' and gas_revenue_usd > 0");
        var unpriced = await fixture.Build.ScalarAsync<long>("select count(*) from mart_revenue where not is_priced");

        Assert.True(withGas > 200, $"{withGas} well-months with priced gas");
        Assert.Equal(0, unpriced);
    }

    [Fact]
    public async Task Revenue_Volve2014_IsInNorwegianKroner()
    {
        var rows = await fixture.Build.QueryAsync(
            "select distinct currency, fx_local_per_usd from mart_revenue where month = date '2015-01-01'");

        var row = Assert.Single(rows);
        Assert.Equal("NOK", row[0]);
        Assert.Equal(7.6865, Convert.ToDouble(row[1]), 6);
    }

    [Fact]
    public async Task DeclineForecast_EveryForecastWell_HasTheHorizonFromTheDataAsOfDate()
    {
        // Volve's wells end in September 2016, its data on 2016-12-01: January 2017 is the first forecast month. The
        // population method forecasts 120 months from there; a per-well fit (for a well the population method cannot
        // forecast) forecasts 120 months after its history, of which the mart keeps those from that date on.
        var counts = await fixture.Build.QueryAsync("""
            select f.well_code, f.method, count(*), min(f.month), len(d.forecast_months),
                len(list_filter(d.forecast_months, m -> m >= s.forecast_from_month))
            from mart_decline_forecast as f
            inner join int_decline_fits as d on d.well_code = f.well_code and d.stream = f.stream
            inner join int_well_status as s on s.well_code = f.well_code
            where f.stream = 'oil' group by all
            """);

        Assert.Contains(counts, row => (string)row[1]! == "population");
        Assert.All(counts, row =>
        {
            Assert.Equal(new DateOnly(2017, 1, 1), row[3]);
            var expected = (string)row[1]! == "population" ? 120L : Convert.ToInt64(row[5]);
            Assert.Equal(expected, Convert.ToInt64(row[2]));
        });
    }

    [Fact]
    public async Task WellSummary_OneRowPerWell_WithEurAtLeastCumulative()
    {
        var rows = await fixture.Build.QueryAsync("select well_code, cum_oil_kbbl, oil_eur_kbbl from mart_well_summary");

        Assert.Equal(7, rows.Count);
        Assert.All(rows.Where(row => row[2] is not null), row => Assert.True(Convert.ToDouble(row[2]) >= Convert.ToDouble(row[1])));
    }
}
