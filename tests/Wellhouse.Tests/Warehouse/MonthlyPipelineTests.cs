using Wellhouse.Generate;

namespace Wellhouse.Tests.Warehouse;

/// <summary>A monthly data source end to end: generated monthly wells through every model.</summary>
public sealed class MonthlyPipelineTests : IAsyncLifetime
{
    private static readonly SyntheticWellOptions Options = new(Wells: 6, Days: 1500, Monthly: true, Seed: 7, Start: new DateOnly(2015, 1, 1));

    private readonly string directory = Path.Combine(Path.GetTempPath(), "wellhouse-monthly-" + Guid.NewGuid().ToString("N"));
    private WarehouseHarness? harness;

    private WarehouseHarness Harness => harness!;

    public async ValueTask InitializeAsync()
    {
        GeneratedDataset.Write(Options, directory, parquet: true);
        harness = new WarehouseHarness(Path.Combine(directory, "*.parquet"), new Dictionary<string, object?> { ["as_of_date"] = "2026-01-01" });
        await harness.BuildAsync();
    }

    public ValueTask DisposeAsync()
    {
        harness?.Dispose();
        Directory.Delete(directory, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task MonthlyMart_VolumeEqualsRateTimesDaysOfTheMonth()
    {
        var mismatches = await Harness.ScalarAsync<long>("""
            select count(*)
            from stg_well_production as production
            inner join mart_production_monthly as monthly
                on production.well_code = monthly.well_code
                and production.production_period = monthly.month
            where abs(monthly.oil_volume_kbbl - production.oil_rate_kbd * dayofmonth(last_day(production.production_period))) > 1e-9
                or production.period_days <> dayofmonth(last_day(production.production_period))
            """);
        var months = await Harness.ScalarAsync<long>("select count(*) from mart_production_monthly");

        Assert.Equal(0, mismatches);
        Assert.InRange(months, 6 * 49, 6 * 51);
    }

    [Theory]
    [InlineData("assert_monthly_equals_sum_of_daily")]
    [InlineData("assert_yearly_equals_sum_of_monthly")]
    [InlineData("assert_revenue_priced_or_flagged")]
    [InlineData("assert_forecast_percentiles_ordered")]
    [InlineData("assert_cumulative_never_decreases")]
    public async Task LogicTest_OnMonthlyData_Passes(string test)
    {
        Assert.Equal(0, await Harness.RunSingularTestAsync(test));
    }

    [Fact]
    public async Task MovingAverages_MonthlyWells_UseMonthWindows()
    {
        var windows = (await Harness.QueryAsync("""select distinct "window" from int_moving_averages order by 1""")).Select(row => (string)row[0]!);

        Assert.Equal(["12m", "3m", "6m"], windows);
    }

    [Fact]
    public async Task DecliningCurves_EveryWell_IsFitWithADecline()
    {
        var fits = await Harness.QueryAsync(
            "select distinct well_code, di_nominal_per_year from int_declining_curves where stream = 'oil' and model is not null");

        Assert.Equal(6, fits.Count);
        Assert.All(fits, row => Assert.True(Convert.ToDouble(row[1]) > 0));
    }

    [Fact]
    public async Task Revenue_GeneratedWells_ArePricedInUsd()
    {
        var row = Assert.Single(await Harness.QueryAsync("select distinct currency, fx_local_per_usd, bool_and(is_priced) from mart_revenue group by all"));

        Assert.Equal("USD", row[0]);
        Assert.Equal(1.0, Convert.ToDouble(row[1]));
        Assert.Equal(true, row[2]);
    }
}
