namespace Wellhouse.Tests.Warehouse;

/// <summary>The project's singular tests on the Volve build: logic rules pass, data rules count what Volve has.</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class WarehouseTestsOnVolveTests(VolveBuildFixture fixture)
{
    [Theory]
    [InlineData("assert_monthly_equals_sum_of_daily")]
    [InlineData("assert_yearly_equals_sum_of_monthly")]
    [InlineData("assert_revenue_priced_or_flagged")]
    [InlineData("assert_forecast_percentiles_ordered")]
    [InlineData("assert_no_null_well_codes")]
    [InlineData("assert_no_future_periods")]
    [InlineData("assert_no_duplicate_periods")]
    [InlineData("assert_days_on_production_within_period")]
    [InlineData("assert_no_rows_with_unknown_data_source")]
    [InlineData("assert_revenue_months_have_prices")]
    public async Task SingularTest_OnVolve_FindsNothing(string test)
    {
        Assert.Equal(0, await fixture.Harness.RunSingularTestAsync(test));
    }

    [Fact]
    public async Task NegativeRates_OnVolve_CountsTheFourWaterCorrections()
    {
        Assert.Equal(4, await fixture.Harness.RunSingularTestAsync("assert_no_negative_rates"));
    }

    [Fact]
    public async Task CumulativeNeverDecreases_OnVolve_ReportsTheCorrections()
    {
        Assert.Equal(4, await fixture.Harness.RunSingularTestAsync("assert_cumulative_never_decreases"));
    }

    [Fact]
    public async Task Revenue_Volve2014_IsInNorwegianKroner()
    {
        var rows = await fixture.Harness.QueryAsync(
            "select distinct currency, fx_local_per_usd from mart_revenue where month = date '2015-01-01'");

        var row = Assert.Single(rows);
        Assert.Equal("NOK", row[0]);
        Assert.Equal(7.6865, Convert.ToDouble(row[1]), 6);
    }

    [Fact]
    public async Task DeclineForecast_EveryFittedWell_HasTheHorizonOfMonths()
    {
        var counts = await fixture.Harness.QueryAsync(
            "select well_code, count(*) from mart_decline_forecast where stream = 'oil' group by well_code");

        Assert.NotEmpty(counts);
        Assert.All(counts, row => Assert.Equal(120L, Convert.ToInt64(row[1])));
    }

    [Fact]
    public async Task WellSummary_OneRowPerWell_WithEurAtLeastCumulative()
    {
        var rows = await fixture.Harness.QueryAsync("select well_code, cum_oil_kbbl, oil_eur_kbbl from mart_well_summary");

        Assert.Equal(7, rows.Count);
        Assert.All(rows.Where(row => row[2] is not null), row => Assert.True(Convert.ToDouble(row[2]) >= Convert.ToDouble(row[1])));
    }
}
