using Wellhouse.Testing;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>View and table models on the private PostgreSQL cluster: built, rebuilt, swapped, failing safely.</summary>
public sealed class PostgresMaterializationTests(PostgresCluster cluster)
{
    [Fact]
    public async Task ViewAndTable_Built_HoldRowsInTheProfileSchema()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/numbers.sql", "{{ config(materialized='table') }}\nselect 1 as n union all select 2");
        project.Write("models/doubled.sql", "select n * 2 as n2 from {{ ref('numbers') }}");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal(6, Convert.ToInt32(project.Query("select sum(n2) from analytics.doubled")[0][0]));
        var kinds = project.Query("select table_name, table_type from information_schema.tables where table_schema = 'analytics' order by table_name");
        Assert.Equal([["doubled", "VIEW"], ["numbers", "BASE TABLE"]], kinds.Select(r => r.Select(v => (string)v!).ToArray()).ToArray());
    }

    [Fact]
    public async Task Table_RebuiltWithViewOverIt_ReplacedAndViewRebuilt()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/numbers.sql", "{{ config(materialized='table') }}\nselect 1 as n");
        project.Write("models/over.sql", "select n from {{ ref('numbers') }}");
        Assert.True((await project.RunAsync()).Success);
        project.Write("models/numbers.sql", "{{ config(materialized='table') }}\nselect 5 as n union all select 6");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal(11L, Convert.ToInt64(project.Query("select sum(n) from analytics.over")[0][0]));
        Assert.Empty(project.Query("select relname from pg_class where relname like '%dbt_tmp%'"));
    }

    [Fact]
    public async Task Table_FailingSql_LeavesPreviousTableAndNamesTheLine()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/t.sql", "{{ config(materialized='table') }}\nselect 42 as n");
        Assert.True((await project.RunAsync()).Success);
        project.Write("models/t.sql", "{{ config(materialized='table') }}\nselect\n  1 as n,\n  missing_column as m");

        var report = await project.RunAsync();

        Assert.False(report.Success);
        var message = report.Outcome!.Results.Single().Message!;
        Assert.Contains("models/t.sql", message, StringComparison.Ordinal);
        Assert.Contains("column \"missing_column\" does not exist", message, StringComparison.Ordinal);
        Assert.Contains("line 4", message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(42, Convert.ToInt32(project.Query("select n from analytics.t")[0][0]));
    }

    [Fact]
    public async Task View_ColumnsChangedAndTableBecomesView_Replaced()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/v.sql", "select 1 as a, 2 as b");
        project.Write("models/t.sql", "{{ config(materialized='table') }}\nselect 1 as x");
        Assert.True((await project.RunAsync()).Success);
        project.Write("models/v.sql", "select 'one' as c");
        project.Write("models/t.sql", "select 2 as x");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal("one", project.Query("select c from analytics.v")[0][0]);
        Assert.Equal("VIEW", project.Query("select table_type from information_schema.tables where table_name = 't'")[0][0]);
    }

    [Fact]
    public async Task Model_NameLongerThan63Bytes_IsAnErrorNamingTheLimit()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        var name = new string('m', 64);
        project.Write($"models/{name}.sql", "{{ config(materialized='table') }}\nselect 1 as n");
        project.Write("models/ok_name_that_is_just_long_enough_to_need_a_shorter_tmp_name1.sql", "{{ config(materialized='table') }}\nselect 1 as n");

        var report = await project.RunAsync();

        var results = report.Outcome!.Results.ToDictionary(r => r.Node.Name);
        Assert.Equal(NodeStatus.Error, results[name].Status);
        Assert.Contains("longer than 63 characters", results[name].Message, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Success, results["ok_name_that_is_just_long_enough_to_need_a_shorter_tmp_name1"].Status);
    }

    [Fact]
    public async Task Snapshot_OnPostgres_IsAnErrorNamingTheFile()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/src.sql", "select 1 as id, 'a' as v");
        project.Write("snapshots/snap.sql", "{% snapshot snap %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='check', check_cols='all') }}\nselect * from {{ ref('src') }}\n{% endsnapshot %}");

        var report = await project.RunAsync();

        var snap = report.Outcome!.Results.Single(r => r.Node.Name == "snap");
        Assert.Equal(NodeStatus.Error, snap.Status);
        Assert.Contains("snapshots/snap.sql", snap.Message, StringComparison.Ordinal);
        Assert.Contains("cannot run on target type 'postgres'", snap.Message, StringComparison.Ordinal);
    }
}
