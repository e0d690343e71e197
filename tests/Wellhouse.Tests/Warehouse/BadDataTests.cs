namespace Wellhouse.Tests.Warehouse;

/// <summary>Bad raw rows never reach the marts silently: each rule keeps them out and a warn test counts them.</summary>
public sealed class BadDataTests : IAsyncLifetime
{
    private const string Header = "field_code,field_name,well_code,well_reference,well_name,production_period,days_on_production,"
        + "oil_production_kbd,gas_production_mmcfd,liquids_production_kbd,water_production_kbd,data_source,source_data,partition_0,created_at,updated_at";

    private static readonly string[] Rows =
    [
        "1,F,1,R1,W1,2024-01-01,1,2.0,1.0,2.0,0.1,upload_daily,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2024-01-02,1,9.0,1.0,9.0,0.1,upload_daily,old,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2024-01-02,1,1.9,1.0,1.9,0.1,upload_daily,new,2024,2024-02-01 00:00:00,2024-02-02 00:00:00",
        "1,F,1,R1,W1,2024-01-03,0.5,0.9,0.4,0.9,-0.1,upload_daily,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,,R9,W9,2024-01-03,1,1.0,1.0,1.0,0.1,upload_daily,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2030-01-01,1,1.0,1.0,1.0,0.1,upload_daily,a,2030,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2024-01-04,1.5,1.0,1.0,1.0,0.1,upload_daily,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2024-01-05,1,1.0,1.0,1.0,0.1,mystery_feed,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,2,R2,W2,2024-02-15,10,1.0,1.0,1.0,0.1,upload_monthly,a,2024,2024-03-01 00:00:00,2024-03-01 00:00:00",
        "1,F,2,R2,W2,2024-02-01,20,1.5,3.0,1.5,0.1,upload_monthly,a,2024,2024-03-01 00:00:00,2024-03-01 00:00:00",
        "1,F,2,R2,W2,,20,1.5,3.0,1.5,0.1,upload_monthly,a,2024,2024-03-01 00:00:00,2024-03-01 00:00:00",
    ];

    private readonly string path = Path.Combine(Path.GetTempPath(), "wellhouse-bad-" + Guid.NewGuid().ToString("N") + ".csv");
    private WarehouseHarness? harness;

    private WarehouseHarness Harness => harness!;

    public async ValueTask InitializeAsync()
    {
        await File.WriteAllLinesAsync(path, [Header, .. Rows]);
        harness = new WarehouseHarness(path, new Dictionary<string, object?> { ["as_of_date"] = "2026-01-01" });
        await harness.BuildAsync();
    }

    public ValueTask DisposeAsync()
    {
        harness?.Dispose();
        File.Delete(path);
        return ValueTask.CompletedTask;
    }

    [Theory]
    [InlineData("assert_no_null_well_codes", 1)]
    [InlineData("assert_no_null_production_periods", 1)]
    [InlineData("assert_no_future_periods", 1)]
    [InlineData("assert_days_on_production_within_period", 1)]
    [InlineData("assert_no_rows_with_unknown_data_source", 1)]
    [InlineData("assert_monthly_periods_start_on_the_first", 1)]
    [InlineData("assert_no_duplicate_periods", 1)]
    [InlineData("assert_no_negative_rates", 1)]
    [InlineData("assert_monthly_equals_sum_of_daily", 0)]
    [InlineData("assert_yearly_equals_sum_of_monthly", 0)]
    [InlineData("assert_revenue_priced_or_flagged", 0)]
    public async Task Rule_OnBadRows_CountsEachOnce(string test, long expected)
    {
        Assert.Equal(expected, await Harness.RunSingularTestAsync(test));
    }

    [Fact]
    public async Task Staging_KeepsOnlyTheGoodRows_LatestVersionWins()
    {
        var rows = await Harness.QueryAsync(
            "select well_code, production_period, oil_volume_kbbl from stg_well_production order by well_code, production_period");

        Assert.Equal(4, rows.Count);
        Assert.Equal(1.9, Convert.ToDouble(rows[1][2]), 12);
    }

    [Fact]
    public async Task MonthlySource_VolumeIsRateTimesCalendarDays_ProducingRateDividesByDaysOn()
    {
        var row = Assert.Single(await Harness.QueryAsync(
            "select period_days, oil_volume_kbbl, oil_producing_rate_kbd from stg_well_production where well_code = 2"));

        Assert.Equal(29, Convert.ToInt32(row[0]));
        Assert.Equal(1.5 * 29, Convert.ToDouble(row[1]), 12);
        Assert.Equal(1.5 * 29 / 20, Convert.ToDouble(row[2]), 12);
    }

    [Fact]
    public async Task Marts_HoldNoRejectedRow()
    {
        var oil = await Harness.ScalarAsync<double>("select sum(oil_volume_kbbl) from mart_field_production_monthly");

        Assert.Equal(2.0 + 1.9 + 0.9 + (1.5 * 29), oil, 9);
    }
}
