using Wellhouse.Transform.Execution;

namespace Wellhouse.Tests.Warehouse;

/// <summary>The profile target <c>attach</c>: source raw.well_production read from an application DuckDB file.</summary>
[Collection(AttachBuildCollection.Name)]
public sealed class AttachTargetTests(AttachBuildFixture fixture)
{
    private WarehouseBuild Build => fixture.Build;

    [Fact]
    public void Staging_AttachTarget_ReadsTheAttachedAppTable()
    {
        var checkedModel = Assert.Single(Build.Results, result => result.Node.Name == "stg_well_production_typed");

        Assert.Contains("\"app\".\"main\".\"well_production\"", checkedModel.CompiledCode, StringComparison.Ordinal);
        Assert.DoesNotContain("volve_well_production.csv", checkedModel.CompiledCode, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-raw-store", checkedModel.CompiledCode, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Marts_AttachTarget_HoldTheAppTablesWellsAndOil()
    {
        var wells = (await Build.QueryAsync("select well_code from mart_well_summary order by well_code")).Select(row => Convert.ToInt32(row[0]));
        var oil = await Build.ScalarAsync<double>("select sum(oil_volume_kbbl) from mart_field_production_yearly");

        Assert.Equal(AttachBuildFixture.Wells, fixture.AppWellCodes.Count);
        Assert.Equal(fixture.AppWellCodes, wells);
        Assert.Equal(fixture.AppOilKbbl, oil, 6);
    }

    [Fact]
    public void DataRule_AttachTarget_CountsTheRowWithoutAWellCode()
    {
        var result = Build.Test("data_rule_null_well_code");

        Assert.Equal(NodeStatus.Warn, result.Status);
        Assert.Equal(1, result.Failures);
    }

    [Fact]
    public void Build_AttachTarget_RunsEveryModelAndPassesEveryErrorTest() => EngineBuildTests.AssertEveryModelBuiltAndNoErrorTestFailed(Build);

    [Fact]
    public async Task AppDatabase_AfterTheBuild_IsUnchanged()
    {
        Assert.Equal(fixture.AppDatabaseHashBefore, await fixture.HashAppDatabaseAsync());
    }

    [Fact]
    public async Task Build_AttachTargetWithoutAppDatabase_FailsWithAClearMessage()
    {
        var missing = Path.Combine(Build.Directory, "no-such-app.duckdb");

        await using var failed = await WarehouseBuild.RunAsync(new WarehouseBuildOptions
        {
            Target = "attach",
            Environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["WELLHOUSE_APP_DATABASE"] = missing },
        });

        Assert.False(failed.Report.Success);
        Assert.Equal(2, failed.Report.ExitCode);
        Assert.Contains("cannot attach '" + missing + "'", failed.Report.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }
}
