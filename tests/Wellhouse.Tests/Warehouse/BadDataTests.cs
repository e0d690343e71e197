using Wellhouse.Transform.Execution;

namespace Wellhouse.Tests.Warehouse;

/// <summary>Bad raw rows never reach the marts silently: each rule keeps them out and a warn test counts them.</summary>
[Collection(BadDataBuildCollection.Name)]
public sealed class BadDataTests(BadDataBuildFixture fixture)
{
    private WarehouseBuild Build => fixture.Build;

    [Theory]
    [InlineData("data_rule_null_well_code")]
    [InlineData("data_rule_null_production_period")]
    [InlineData("data_rule_future_period")]
    [InlineData("data_rule_days_on_production_out_of_range")]
    [InlineData("data_rule_unknown_data_source")]
    [InlineData("data_rule_period_not_month_start")]
    [InlineData("data_rule_superseded_duplicate")]
    [InlineData("data_rule_negative_rate")]
    public void DataRule_OnBadRows_WarnsWithACountOfOneUnderItsName(string test)
    {
        var result = Build.Test(test);

        Assert.Equal(NodeStatus.Warn, result.Status);
        Assert.Equal(1, result.Failures);
        Assert.Equal("WARN", result.Node.Config.Values["severity"]);
        Assert.Contains(Build.Log.Split('\n'), line => line.Contains("WARN 1 " + test + " ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("assert_monthly_equals_sum_of_daily")]
    [InlineData("assert_yearly_equals_sum_of_monthly")]
    [InlineData("assert_revenue_priced_or_flagged")]
    [InlineData("assert_raw_rows_accepted")]
    public void LogicTest_OnBadRows_Passes(string test)
    {
        var result = Build.Test(test);

        Assert.Equal(NodeStatus.Pass, result.Status);
        Assert.Equal(0, result.Failures);
    }

    [Fact]
    public void Build_BadRows_FailsNoErrorTest()
    {
        var failed = Build.Results.Where(result => result.Status.IsFailure()).Select(result => result.ToString());

        Assert.Empty(failed);
        Assert.True(Build.Report.Success, Build.Log);
    }

    [Fact]
    public async Task Rejects_EveryBadRow_HasItsRule()
    {
        var reasons = (await Build.QueryAsync("select reject_reason from stg_well_production_rejects order by reject_reason"))
            .Select(row => (string)row[0]!);

        Assert.Equal(
            ["days_on_production_out_of_range", "future_period", "null_production_period", "null_well_code",
             "period_not_month_start", "superseded_duplicate", "unknown_data_source"],
            reasons);
    }

    [Fact]
    public async Task Staging_KeepsOnlyTheGoodRows_LatestVersionWins()
    {
        var rows = await Build.QueryAsync(
            "select well_code, production_period, oil_volume_kbbl, updated_at from stg_well_production order by well_code, production_period");

        Assert.Equal(4, rows.Count);
        Assert.Equal(1.9, Convert.ToDouble(rows[1][2]), 12);
        Assert.Equal(new DateTime(2024, 2, 2), rows[1][3]);
    }

    [Theory]
    [InlineData("stg_well_production_accepted", "reject_reason is null",
        "well_code, data_source, period_type, production_period, period_days, days_on_production, oil_rate_kbd, gas_rate_mmcfd, water_rate_kbd, liquids_rate_kbd, updated_at")]
    [InlineData("stg_well_production_rejects", "reject_reason is not null",
        "reject_reason, well_code, production_period, data_source, days_on_production, period_days, source_data, updated_at")]
    public async Task StagingTable_RanksOnlyRepeatedPeriods_HoldsTheCheckedViewsRows(string table, string split, string columns)
    {
        // The tables rank the versions of the well-periods reported more than once (macro version_checked), the view
        // stg_well_production_checked those of every row (version_ranked): the same rows, a superseded one among them.
        var view = $"select {columns} from stg_well_production_checked where {split}";
        var stored = $"select {columns} from {table}";

        Assert.Equal(0L, await Build.ScalarAsync<long>($"select count(*) from ({view} except all {stored})"));
        Assert.Equal(0L, await Build.ScalarAsync<long>($"select count(*) from ({stored} except all {view})"));
        Assert.True(await Build.ScalarAsync<long>($"select count(*) from {table}") > 0);
    }

    [Fact]
    public async Task MonthlySource_VolumeIsRateTimesCalendarDays_ProducingRateDividesByDaysOn()
    {
        var row = Assert.Single(await Build.QueryAsync(
            "select period_days, oil_volume_kbbl, oil_producing_rate_kbd from stg_well_production where well_code = 2"));

        Assert.Equal(29, Convert.ToInt32(row[0]));
        Assert.Equal(1.5 * 29, Convert.ToDouble(row[1]), 12);
        Assert.Equal(1.5 * 29 / 20, Convert.ToDouble(row[2]), 12);
    }

    [Fact]
    public async Task Marts_HoldNoRejectedRow()
    {
        var oil = await Build.ScalarAsync<double>("select sum(oil_volume_kbbl) from mart_field_production_monthly");

        Assert.Equal(2.0 + 1.9 + 0.9 + (1.5 * 29), oil, 9);
    }
}
