namespace Wellhouse.Transform.Tests.Execution;

/// <summary>Incremental strategies over two runs of tests/fixtures/incremental/wells with changed source rows.</summary>
public sealed class IncrementalStrategyTests : IDisposable
{
    private readonly IncrementalProject project = new();

    public void Dispose() => project.Dispose();

    [Fact]
    public async Task Append_SecondRun_InsertsOnlyNewRowsAndKeepsOldVersions()
    {
        await project.BuildOkAsync("readings_append");
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("readings_append");

        Assert.Equal(
            ["1|A|2024-01-01|100", "2|B|2024-01-01|200", "3|A|2024-01-02|90", "4|B|2024-01-02|180", "5|A|2024-01-03|80", "6|B|2024-01-03|170"],
            project.Table("readings_append"));
        Assert.Equal(("success", "INSERT 2", 2L), project.RunResult("readings_append"));
    }

    [Fact]
    public async Task DeleteInsert_SecondRun_ReplacesReprocessedKeysAndLeavesOlderRows()
    {
        await project.BuildOkAsync("readings_delete_insert");
        Assert.Equal(("success", "OK", null), project.RunResult("readings_delete_insert"));
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("readings_delete_insert");

        // Reading 2 changed in the source but lies before the incremental window: the old value proves no full rebuild.
        Assert.Equal(
            ["1|A|2024-01-01|100", "2|B|2024-01-01|200", "3|A|2024-01-02|90", "4|B|2024-01-02|185", "5|A|2024-01-03|80", "6|B|2024-01-03|170"],
            project.Table("readings_delete_insert"));
        Assert.Equal(("success", "INSERT 4", 4L), project.RunResult("readings_delete_insert"));
        Assert.Contains(project.Log, l => l.Contains("OK created sql incremental model main.readings_delete_insert", StringComparison.Ordinal) && l.Contains("[INSERT 4 in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeleteInsert_RunSql_DeletesByKeyAndInsertsInOneStatementList()
    {
        await project.BuildOkAsync("readings_delete_insert");
        project.WriteSeed(IncrementalProject.SecondRows);
        await project.BuildOkAsync("readings_delete_insert");

        var runSql = File.ReadAllText(Path.Combine(project.Directory, "target", "run", "wells", "models", "readings_delete_insert.sql"));

        Assert.Contains("create or replace temp table \"readings_delete_insert__dbt_tmp\"", runSql, StringComparison.Ordinal);
        Assert.Contains("delete from \"dev\".\"main\".\"readings_delete_insert\" as DBT_INTERNAL_DEST", runSql, StringComparison.Ordinal);
        Assert.Contains("where (reading_id) in (select reading_id from \"temp\".\"main\".\"readings_delete_insert__dbt_tmp\" as DBT_INTERNAL_SOURCE)", runSql, StringComparison.Ordinal);
        Assert.Contains("insert into \"dev\".\"main\".\"readings_delete_insert\" (\"reading_id\", \"well_id\", \"day\", \"oil\")", runSql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_SecondRun_UpdatesMatchedKeysAndInsertsNewOnes()
    {
        await project.BuildOkAsync("readings_merge");
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("readings_merge");

        Assert.Equal(
            ["1|A|2024-01-01|100", "2|B|2024-01-01|200", "3|A|2024-01-02|90", "4|B|2024-01-02|185", "5|A|2024-01-03|80", "6|B|2024-01-03|170"],
            project.Table("readings_merge"));
        Assert.Equal(("success", "MERGE 4", 4L), project.RunResult("readings_merge"));
    }

    [Fact]
    public async Task MergeExcludeColumns_SecondRun_MatchedRowsKeepExcludedColumn()
    {
        var model = Path.Combine(project.Directory, "models", "readings_merge.sql");
        File.WriteAllText(model, File.ReadAllText(model).Replace("unique_key='reading_id'", "unique_key='reading_id', merge_exclude_columns=['oil']", StringComparison.Ordinal));
        await project.BuildOkAsync("readings_merge");
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("readings_merge");

        // Reading 4 matched: its oil (excluded from the update) keeps 180; the new readings are inserted whole.
        Assert.Equal(
            ["1|A|2024-01-01|100", "2|B|2024-01-01|200", "3|A|2024-01-02|90", "4|B|2024-01-02|180", "5|A|2024-01-03|80", "6|B|2024-01-03|170"],
            project.Table("readings_merge"));
    }

    [Fact]
    public async Task UniqueKeyList_SecondRun_ReplacesRowsMatchingEveryKeyColumn()
    {
        await project.BuildOkAsync("daily_by_well");
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("daily_by_well");

        Assert.Equal(
            ["A|2024-01-01|100|1", "A|2024-01-02|90|1", "A|2024-01-03|80|1", "B|2024-01-01|200|1", "B|2024-01-02|185|1", "B|2024-01-03|170|1"],
            project.Table("daily_by_well"));
    }

    [Fact]
    public async Task IncrementalPredicates_SecondRun_LimitDeleteToMatchingTargetRows()
    {
        await project.BuildOkAsync("readings_predicates");
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("readings_predicates");

        // The delete only considers target rows from 2024-01-03 on, so readings 3 and 4 of 2024-01-02 are kept and
        // their reprocessed versions are added: the predicate restricted the delete as dbt documents.
        Assert.Equal(
            ["1|A|2024-01-01|100", "2|B|2024-01-01|200", "3|A|2024-01-02|90", "3|A|2024-01-02|90", "4|B|2024-01-02|180", "4|B|2024-01-02|185", "5|A|2024-01-03|80", "6|B|2024-01-03|170"],
            project.Table("readings_predicates"));
    }

    [Fact]
    public async Task FullRefresh_SecondRun_RebuildsFromAllSourceRows()
    {
        await project.BuildOkAsync("readings_delete_insert");
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("readings_delete_insert", fullRefresh: true);

        Assert.Equal(
            ["1|A|2024-01-01|100", "2|B|2024-01-01|999", "3|A|2024-01-02|90", "4|B|2024-01-02|185", "5|A|2024-01-03|80", "6|B|2024-01-03|170"],
            project.Table("readings_delete_insert"));
        Assert.Equal(("success", "OK", null), project.RunResult("readings_delete_insert"));
    }

    [Fact]
    public async Task FullRefreshConfigFalse_FullRefreshFlag_StaysIncremental()
    {
        await project.BuildOkAsync("readings_pinned");
        project.WriteSeed(IncrementalProject.SecondRows);

        await project.BuildOkAsync("readings_pinned", fullRefresh: true);

        Assert.Contains("2|B|2024-01-01|200", project.Table("readings_pinned"));
        Assert.Equal(("success", "INSERT 4", 4L), project.RunResult("readings_pinned"));
    }

    [Fact]
    public async Task AllModels_TwoThreads_SameRowsAsOneThread()
    {
        using var single = new IncrementalProject();
        foreach (var (run, threads) in new[] { (project, 2), (single, 1) })
        {
            var first = await run.BuildAsync([], null, fullRefresh: false, threads);
            Assert.True(first.Success, string.Join("\n", run.Log));
            run.WriteSeed(IncrementalProject.SecondRows);
            var second = await run.BuildAsync([], null, fullRefresh: false, threads);
            Assert.True(second.Success, string.Join("\n", run.Log));
        }

        foreach (var model in new[] { "readings_append", "readings_delete_insert", "readings_merge", "daily_by_well", "readings_predicates", "readings_schema", "export_totals" })
        {
            Assert.Equal(single.Table(model), project.Table(model));
        }

        Assert.Equal(["A|2024-01-01|100|1", "A|2024-01-02|90|1", "A|2024-01-03|80|1", "B|2024-01-01|200|1", "B|2024-01-02|185|1", "B|2024-01-03|170|1"], project.Table("daily_by_well"));
    }

    [Fact]
    public async Task Manifest_IncrementalNode_KeepsDbtConfigFields()
    {
        await project.BuildOkAsync("readings_merge");

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "target", "manifest.json")));
        var config = json.RootElement.GetProperty("nodes").GetProperty("model.wells.readings_merge").GetProperty("config");
        var plain = json.RootElement.GetProperty("nodes").GetProperty("model.wells.export_totals").GetProperty("config");

        Assert.Equal("merge", config.GetProperty("incremental_strategy").GetString());
        Assert.Equal("reading_id", config.GetProperty("unique_key").GetString());
        Assert.Equal("ignore", config.GetProperty("on_schema_change").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("incremental_strategy").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plain.GetProperty("unique_key").ValueKind);
    }
}
