namespace Wellhouse.Transform.Tests.Execution;

/// <summary>A failing incremental run leaves the table exactly as it was (tests/fixtures/incremental/wells).</summary>
public sealed class IncrementalFailureTests : IDisposable
{
    private readonly IncrementalProject project = new();

    public void Dispose() => project.Dispose();

    [Fact]
    public async Task BadRowsInInsert_AfterDelete_RollsBackEveryRow()
    {
        await project.BuildOkAsync("readings_guarded");
        var before = project.Table("readings_guarded");
        project.WriteSeed(IncrementalProject.SecondRows);

        // The temporary table builds; the delete of readings 3 and 4 runs; the insert fails on 'not a number'.
        var report = await project.BuildAsync("readings_guarded", "{bad_rows: true}");

        Assert.Equal(1, report.ExitCode);
        var error = IncrementalProject.ErrorOf(report, "readings_guarded");
        Assert.StartsWith("Database Error in model readings_guarded (models/readings_guarded.sql)", error, StringComparison.Ordinal);
        Assert.Contains("not a number", error, StringComparison.Ordinal);
        Assert.Equal(before, project.Table("readings_guarded"));
        Assert.Equal(4, before.Count);
        Assert.Empty(project.Rows("select * from information_schema.tables where table_name like '%__dbt_tmp'"));
    }

    [Fact]
    public async Task RolledBackModel_SameThread_NextIncrementalModelStillCommits()
    {
        var models = new[] { "readings", "readings_guarded", "readings_merge" };
        Assert.True((await project.BuildAsync(models, null, fullRefresh: false, threads: 1)).Success);
        project.WriteSeed(IncrementalProject.SecondRows);

        // Plan order: readings_guarded fails inside its transaction, then readings_merge runs on the same connection.
        var report = await project.BuildAsync(models, "{bad_rows: true}", fullRefresh: false, threads: 1);

        Assert.Equal([NodeStatusOf(report, "readings_guarded"), NodeStatusOf(report, "readings_merge")], ["error", "success"]);
        Assert.Equal(6, project.Table("readings_merge").Count);
        Assert.Equal(4, project.Table("readings_guarded").Count);
    }

    [Fact]
    public async Task BadCastInQuery_SecondRun_FailsWithCompiledLineAndLeavesTable()
    {
        await project.BuildOkAsync("readings_guarded");
        var before = project.Table("readings_guarded");
        project.WriteSeed(IncrementalProject.SecondRows);

        var report = await project.BuildAsync("readings_guarded", "{bad_sql: true}");

        Assert.Equal(1, report.ExitCode);
        var error = IncrementalProject.ErrorOf(report, "readings_guarded");
        Assert.Contains("Conversion Error", error, StringComparison.Ordinal);
        Assert.Contains("cast('not a number' as double)", error, StringComparison.Ordinal);
        Assert.Equal(before, project.Table("readings_guarded"));
    }

    [Fact]
    public async Task NullUniqueKey_NewRows_FailsWithoutWriting()
    {
        await project.BuildOkAsync("readings_delete_insert");
        var before = project.Table("readings_delete_insert");
        project.WriteSeed(IncrementalProject.SecondRows + "\n,A,2024-01-03,75");

        var report = await project.BuildAsync("readings_delete_insert");

        Assert.Equal(1, report.ExitCode);
        Assert.Equal(
            "Runtime Error in model readings_delete_insert (models/readings_delete_insert.sql)\n  unique_key 'reading_id' is NULL in 1 new row; a NULL key matches no existing row and would duplicate rows, so nothing was written\n  first such row: reading_id=NULL, well_id=A, day=2024-01-03, oil=75",
            IncrementalProject.ErrorOf(report, "readings_delete_insert"));
        Assert.Equal(before, project.Table("readings_delete_insert"));
    }

    [Fact]
    public async Task NullKeyInKeyList_NewRows_NamesTheColumn()
    {
        project.WriteSeed(IncrementalProject.FirstRows);
        await project.BuildOkAsync("daily_by_well");
        var before = project.Table("daily_by_well");
        project.WriteSeed(IncrementalProject.SecondRows + "\n7,,2024-01-03,75");

        var report = await project.BuildAsync("daily_by_well");

        Assert.Contains("unique_key 'well_id' is NULL in 1 new row", IncrementalProject.ErrorOf(report, "daily_by_well"), StringComparison.Ordinal);
        Assert.Equal(before, project.Table("daily_by_well"));
    }

    [Fact]
    public async Task UnknownStrategy_AnyRun_FailsWithSupportedList()
    {
        var model = Path.Combine(project.Directory, "models", "readings_merge.sql");
        File.WriteAllText(model, File.ReadAllText(model).Replace("'merge'", "'insert_overwrite'", StringComparison.Ordinal));
        var report = await project.BuildAsync("readings_merge");

        Assert.Contains("invalid incremental strategy 'insert_overwrite' (supported: append, delete+insert, merge)", IncrementalProject.ErrorOf(report, "readings_merge"), StringComparison.Ordinal);
    }

    private static string NodeStatusOf(Wellhouse.Transform.Execution.DbtRunReport report, string model) =>
        report.Outcome!.Results.Single(r => r.Node.Name == model).Status.ToString().ToLowerInvariant();
}
