using Wellhouse.Testing;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>The incremental materialization on PostgreSQL: strategies, predicates, schema changes, NULL keys, failures.</summary>
public sealed class PostgresIncrementalTests(PostgresCluster cluster)
{
    [Theory]
    [InlineData("append", "1:a|2:b|2:b2|3:c")]
    [InlineData("delete+insert", "1:a|2:b2|3:c")]
    [InlineData("merge", "1:a|2:b2|3:c")]
    public async Task Strategy_SecondRun_AppliesTheNewRows(string strategy, string expected)
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("inc");
        project.Write("models/src.sql", "select * from (values (1, 'a'), (2, 'b')) as t(id, v)");
        project.Write("models/inc.sql", $"{{{{ config(materialized='incremental', unique_key='id', incremental_strategy='{strategy}') }}}}\nselect * from {{{{ ref('src') }}}}\n{{% if is_incremental() %}}where id > 1{{% endif %}}");
        Assert.True((await project.RunAsync()).Success);
        project.Write("models/src.sql", "select * from (values (1, 'a'), (2, 'b2'), (3, 'c')) as t(id, v)");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal(expected, string.Join("|", project.Query("select id, v from analytics.inc order by id, v").Select(r => $"{r[0]}:{r[1]}")));
    }

    [Fact]
    public async Task SyncAllColumns_AddsDropsAndRetypesColumns()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("inc");
        project.Write("models/inc.sql", "{{ config(materialized='incremental', unique_key='id', on_schema_change='sync_all_columns') }}\nselect 1 as id, 'x' as gone, 10 as amount");
        Assert.True((await project.RunAsync()).Success);
        project.Write("models/inc.sql", "{{ config(materialized='incremental', unique_key='id', on_schema_change='sync_all_columns') }}\nselect 2 as id, cast(2.5 as numeric(10,2)) as amount, 'new' as added");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        var columns = project.Query("select column_name, data_type from information_schema.columns where table_name = 'inc' order by ordinal_position").Select(r => $"{r[0]} {r[1]}");
        Assert.Equal(["id integer", "amount numeric", "added text"], columns);
        Assert.Equal([["1", "10", "null"], ["2", "2.5", "new"]], EngineRows.Normalize(project.Query("select * from analytics.inc order by id")));
    }

    [Fact]
    public async Task NullKey_FailsNamingTheRowAndLeavesTheTable()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("inc");
        project.Write("models/inc.sql", "{{ config(materialized='incremental', unique_key='id') }}\nselect 1 as id, 'a' as v");
        Assert.True((await project.RunAsync()).Success);
        project.Write("models/inc.sql", "{{ config(materialized='incremental', unique_key='id') }}\nselect cast(null as integer) as id, 'b' as v");

        var report = await project.RunAsync();

        var result = report.Outcome!.Results.Single();
        Assert.Equal(NodeStatus.Error, result.Status);
        Assert.Contains("unique_key 'id' is NULL in 1 new row", result.Message, StringComparison.Ordinal);
        Assert.Contains("first such row: id=NULL, v=b", result.Message, StringComparison.Ordinal);
        Assert.Equal([["1", "a"]], EngineRows.Normalize(project.Query("select * from analytics.inc")));
    }

    [Fact]
    public async Task IncrementalPredicates_LimitTheDeleteToMatchingTargetRows()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("inc");
        const string Config = "{{ config(materialized='incremental', unique_key='id', incremental_strategy='delete+insert', incremental_predicates=[\"DBT_INTERNAL_DEST.v <> 'keep'\"]) }}\n";
        project.Write("models/inc.sql", Config + "select * from (values (1, 'keep'), (2, 'old')) as t(id, v)");
        Assert.True((await project.RunAsync()).Success);
        project.Write("models/inc.sql", Config + "select * from (values (1, 'new1'), (2, 'new2')) as t(id, v)");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal("1:keep|1:new1|2:new2", string.Join("|", project.Query("select id, v from analytics.inc order by id, v").Select(r => $"{r[0]}:{r[1]}")));
    }

    [Fact]
    public async Task FullRefresh_RebuildsAsTable()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("inc");
        project.Write("models/inc.sql", "{{ config(materialized='incremental') }}\nselect 1 as n");
        Assert.True((await project.RunAsync()).Success);
        Assert.True((await project.RunAsync()).Success);
        Assert.Equal(2L, project.Query("select count(*) from analytics.inc")[0][0]);

        var report = await project.RunAsync(fullRefresh: true);

        Assert.True(report.Success);
        Assert.Equal(1L, project.Query("select count(*) from analytics.inc")[0][0]);
    }
}
