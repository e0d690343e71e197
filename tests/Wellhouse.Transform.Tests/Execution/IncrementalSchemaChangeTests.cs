namespace Wellhouse.Transform.Tests.Execution;

/// <summary>on_schema_change modes on readings_schema (tests/fixtures/incremental/wells), whose columns change with vars.</summary>
public sealed class IncrementalSchemaChangeTests : IDisposable
{
    private const string Model = "readings_schema";

    private readonly IncrementalProject project = new();

    public void Dispose() => project.Dispose();

    [Fact]
    public async Task Ignore_NewColumn_LeftOutAndRowsInserted()
    {
        await project.BuildOkAsync(Model);
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync(Model, "{add_column: true}");

        Assert.Equal(["reading_id INTEGER", "well_id VARCHAR", "day DATE", "oil INTEGER", "operator VARCHAR"], project.Columns(Model));
        Assert.Equal(6, project.Table(Model).Count);
    }

    [Fact]
    public async Task Ignore_RemovedColumn_FailsAndLeavesTable()
    {
        await project.BuildOkAsync(Model);
        var before = project.Table(Model);
        project.WriteSeed(IncrementalProject.SecondRows);

        var report = await project.BuildAsync(Model, "{drop_column: true}");

        Assert.False(report.Success);
        Assert.Contains("operator", IncrementalProject.ErrorOf(report, Model), StringComparison.Ordinal);
        Assert.Equal(before, project.Table(Model));
    }

    [Fact]
    public async Task Fail_ChangedColumns_FailsWithDifferencesAndLeavesTable()
    {
        await project.BuildOkAsync(Model);
        var before = project.Table(Model);
        project.WriteSeed(IncrementalProject.SecondRows);

        var report = await project.BuildAsync(Model, "{on_schema_change: fail, add_column: true, drop_column: true}");

        Assert.Equal(1, report.ExitCode);
        var error = IncrementalProject.ErrorOf(report, Model);
        Assert.StartsWith("Compilation Error in model readings_schema (models/readings_schema.sql)", error, StringComparison.Ordinal);
        Assert.Contains("out of sync", error, StringComparison.Ordinal);
        Assert.Contains("source columns not in target: oil_bbl DECIMAL", error, StringComparison.Ordinal);
        Assert.Contains("target columns not in source: operator", error, StringComparison.Ordinal);
        Assert.Equal(before, project.Table(Model));
    }

    [Fact]
    public async Task AppendNewColumns_AddedAndRemovedColumns_AddsNewKeepsOld()
    {
        await project.BuildOkAsync(Model);
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync(Model, "{on_schema_change: append_new_columns, add_column: true, drop_column: true}");

        Assert.Equal(["reading_id INTEGER", "well_id VARCHAR", "day DATE", "oil INTEGER", "operator VARCHAR", "oil_bbl DECIMAL(13,2)"], project.Columns(Model));
        Assert.Equal(
            ["1|A|2024-01-01|100|operator-A|NULL", "2|B|2024-01-01|200|operator-B|NULL", "3|A|2024-01-02|90|NULL|566.10", "4|B|2024-01-02|185|NULL|1163.65", "5|A|2024-01-03|80|NULL|503.20", "6|B|2024-01-03|170|NULL|1069.30"],
            project.Table(Model));
    }

    [Fact]
    public async Task SyncAllColumns_AddedRemovedRetyped_TargetMatchesNewColumns()
    {
        await project.BuildOkAsync(Model);
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync(Model, "{on_schema_change: sync_all_columns, add_column: true, drop_column: true, retype: true}");

        Assert.Equal(["reading_id INTEGER", "well_id VARCHAR", "day DATE", "oil VARCHAR", "oil_bbl DECIMAL(13,2)"], project.Columns(Model));
        Assert.Equal(
            ["1|A|2024-01-01|100|NULL", "2|B|2024-01-01|200|NULL", "3|A|2024-01-02|90|566.10", "4|B|2024-01-02|185|1163.65", "5|A|2024-01-03|80|503.20", "6|B|2024-01-03|170|1069.30"],
            project.Table(Model));
    }

    [Fact]
    public async Task InvalidMode_TreatedAsIgnoreWithWarning()
    {
        await project.BuildOkAsync(Model);
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync(Model, "{on_schema_change: sometimes, add_column: true}");

        Assert.Contains(project.Log, l => l.Contains("invalid value for on_schema_change (sometimes)", StringComparison.Ordinal));
        Assert.DoesNotContain("oil_bbl DECIMAL(13,2)", project.Columns(Model));
    }
}
