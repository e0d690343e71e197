namespace Wellhouse.Tests.Warehouse;

/// <summary>The profile target prod (the application's snapshots: WELLHOUSE_SNAPSHOT_PATH, DuckDB settings) on the sample.</summary>
public sealed class ProdTargetBuildTests
{
    [Fact]
    public async Task Build_ProdTargetOnVolveSample_RunsEveryModelAndPassesEveryErrorTest()
    {
        await using var build = await WarehouseBuild.RunAsync(new WarehouseBuildOptions { Target = "prod", RawLocation = RepoPaths.Sample });

        EngineBuildTests.AssertEveryModelBuiltAndNoErrorTestFailed(build);
        Assert.Equal(7L, await build.ScalarAsync<long>("select count(*) from mart_well_summary"));
    }
}
