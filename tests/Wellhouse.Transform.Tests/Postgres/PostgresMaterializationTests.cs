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
    public async Task CSharpModel_OnPostgres_IsAnErrorNamingItsFileAndSkipsWhatNeedsIt()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/wells.sql", "select 1 as well_id");
        project.Write("models/schema.yml", "version: 2\nmodels:\n  - name: fits\n");
        project.Write("models/after_fits.sql", "select * from {{ ref('fits') }}");

        var report = await project.RunAsync(csharp: new Dictionary<string, ICSharpModel> { ["fits"] = new NoOpModel() });

        var results = report.Outcome!.Results.ToDictionary(r => r.Node.Name);
        Assert.Equal(NodeStatus.Success, results["wells"].Status);
        Assert.Equal(NodeStatus.Error, results["fits"].Status);
        Assert.Contains("model fits (models/schema.yml)", results["fits"].Message, StringComparison.Ordinal);
        Assert.Contains("C# models cannot run on target type 'postgres' yet", results["fits"].Message, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Skipped, results["after_fits"].Status);
    }

    [Fact]
    public async Task Contract_OnPostgres_MatchingTypesBuildAndAMismatchFails()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/good.sql", "select 1 as id, 'a' as name");
        project.Write("models/bad.sql", "select 'x' as id");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: good
                config: {contract: {enforced: true}, materialized: table}
                columns:
                  - {name: id, data_type: int}
                  - {name: name, data_type: text}
              - name: bad
                config: {contract: {enforced: true}, materialized: table}
                columns:
                  - {name: id, data_type: int}
            """);

        var report = await project.RunAsync();

        var results = report.Outcome!.Results.ToDictionary(r => r.Node.Name);
        Assert.Equal(NodeStatus.Success, results["good"].Status);
        Assert.Equal(NodeStatus.Error, results["bad"].Status);
        Assert.Contains("data type mismatch", results["bad"].Message, StringComparison.Ordinal);
        Assert.Empty(project.Query("select 1 from information_schema.tables where table_name = 'bad'"));
    }

    [Fact]
    public async Task Target_OnPostgres_HoldsTheConnectionKeysButNotThePassword()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/t.sql", "select '{{ target.type }}|{{ target.host }}|{{ target.port }}|{{ target.user }}|{{ target.dbname }}|{{ target.schema }}|{{ target.password is defined }}' as t");

        Assert.True((await project.RunAsync()).Success);

        Assert.Equal($"postgres|127.0.0.1|{cluster.Port}|wellhouse|{project.Database}|analytics|False", project.Query("select t from analytics.t")[0][0]);
    }

    private sealed class NoOpModel : ICSharpModel
    {
        public string Name => "fits";

        public IReadOnlyList<string> DependsOn { get; } = ["wells"];

        public Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken) => throw new InvalidOperationException("must not run on postgres");
    }
}
