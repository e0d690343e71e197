using Wellhouse.Transform.Execution;

namespace Wellhouse.Tests.Warehouse;

/// <summary>A monthly data source end to end: generated monthly wells through every model.</summary>
[Collection(MonthlyBuildCollection.Name)]
public sealed class MonthlyPipelineTests(MonthlyBuildFixture fixture)
{
    private WarehouseBuild Build => fixture.Build;

    [Fact]
    public async Task MonthlyMart_VolumeEqualsRateTimesDaysOfTheMonth()
    {
        var mismatches = await Build.ScalarAsync<long>("""
            select count(*)
            from stg_well_production as production
            inner join mart_production_monthly as monthly
                on production.well_code = monthly.well_code
                and production.production_period = monthly.month
            where abs(monthly.oil_volume_kbbl - production.oil_rate_kbd * dayofmonth(last_day(production.production_period))) > 1e-9
                or production.period_days <> dayofmonth(last_day(production.production_period))
            """);
        var months = await Build.ScalarAsync<long>("select count(*) from mart_production_monthly");

        Assert.Equal(0, mismatches);
        Assert.InRange(months, MonthlyBuildFixture.Wells * 49, MonthlyBuildFixture.Wells * 51);
    }

    [Theory]
    [InlineData("assert_monthly_equals_sum_of_daily")]
    [InlineData("assert_yearly_equals_sum_of_monthly")]
    [InlineData("assert_revenue_priced_or_flagged")]
    [InlineData("assert_forecast_percentiles_ordered")]
    [InlineData("assert_cumulative_never_decreases")]
    public void LogicTest_OnMonthlyData_Passes(string test)
    {
        var result = Build.Test(test);

        Assert.Equal(NodeStatus.Pass, result.Status);
        Assert.Equal(0, result.Failures);
    }

    [Fact]
    public async Task MovingAverages_MonthlyWells_UseMonthWindows()
    {
        var windows = (await Build.QueryAsync("""select distinct "window" from int_moving_averages order by 1""")).Select(row => (string)row[0]!);

        Assert.Equal(["12m", "3m", "6m"], windows);
    }

    [Fact]
    public async Task DecliningCurves_EveryWell_IsFitWithADecline()
    {
        var fits = await Build.QueryAsync(
            "select distinct well_code, di_nominal_per_year from int_declining_curves where stream = 'oil' and model is not null");

        Assert.Equal(MonthlyBuildFixture.Wells, fits.Count);
        Assert.All(fits, row => Assert.True(Convert.ToDouble(row[1]) > 0));
    }

    [Fact]
    public async Task Revenue_GeneratedWells_ArePricedInUsd()
    {
        var row = Assert.Single(await Build.QueryAsync("select distinct currency, fx_local_per_usd, bool_and(is_priced) from mart_revenue group by all"));

        Assert.Equal("USD", row[0]);
        Assert.Equal(1.0, Convert.ToDouble(row[1]));
        Assert.Equal(true, row[2]);
    }
}
