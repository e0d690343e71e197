using Wellhouse.Testing;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;

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
    public async Task CSharpModel_OnPostgresAndDuckDb_ReadsAndWritesTheSameRows()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/wells.sql", """
            select * from (values
                (1, 'a', 2.5, date '2020-01-31'),
                (2, null, null, null),
                (3, 'c', 4.0, date '2021-02-28'),
                (4, 'd''s', 0.125, date '1999-12-31')
            ) as t(id, name, rate, day)
            """);
        project.Write("models/schema.yml", "version: 2\nmodels:\n  - name: fits\n");
        project.Write("models/after_fits.sql", "select count(*) as n from {{ ref('fits') }}");
        var models = new Dictionary<string, ICSharpModel> { ["fits"] = new EveryTypeModel() };

        var postgres = await project.RunAsync(target: "pg", csharp: models);
        var duckdb = await project.RunAsync(target: "duck", csharp: models);

        Assert.True(postgres.Success, string.Join("\n", postgres.Outcome!.Results.Select(r => r.Message)));
        Assert.True(duckdb.Success, string.Join("\n", duckdb.Outcome!.Results.Select(r => r.Message)));
        const string Rows = "select id, name, rate, day, kind, days[1], days[2], rates[2], writer from analytics.fits order by id";
        var onPostgres = EngineRows.Normalize(project.Query(Rows));
        Assert.Equal(4, onPostgres.Count);
        Assert.Equal(["1", "a", "5", "2020-01-31", "low", "2020-01-31", "2020-02-29", "5", "1"], onPostgres[0]);
        Assert.Equal(["2", "null", "null", "null", "null", "null", "null", "null", "0"], onPostgres[1]);
        Assert.Equal(["4", "d's", "0.25", "1999-12-31", "low", "1999-12-31", "2000-01-31", "0.25", "0"], onPostgres[3]);
        Assert.Equal(onPostgres, EngineRows.Normalize(project.QueryDuckDb(Rows)));
        string[] types = ["integer", "text", "double precision", "date", "text", "ARRAY", "ARRAY", "integer"];
        Assert.Equal(types, project.Query("select data_type from information_schema.columns where table_name = 'fits' order by ordinal_position")
            .Select(r => (string)r[0]!).ToArray());
    }

    [Fact]
    public async Task CSharpModel_FailingOnPostgres_KeepsTheOldTableAndSkipsWhatNeedsIt()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("models/wells.sql", "select id, 'a' as name, 2.0 as rate, date '2020-01-01' as day from (values (1), (2)) as t(id)");
        project.Write("models/schema.yml", "version: 2\nmodels:\n  - name: fits\n");
        project.Write("models/after_fits.sql", "select * from {{ ref('fits') }}");
        Assert.True((await project.RunAsync(csharp: new Dictionary<string, ICSharpModel> { ["fits"] = new EveryTypeModel() })).Success);

        var report = await project.RunAsync(csharp: new Dictionary<string, ICSharpModel> { ["fits"] = new EveryTypeModel { FailAfterRows = 1 } });

        var results = report.Outcome!.Results.ToDictionary(r => r.Node.Name);
        Assert.Equal(NodeStatus.Error, results["fits"].Status);
        Assert.Contains("model fits (models/schema.yml)", results["fits"].Message, StringComparison.Ordinal);
        Assert.Contains("failed after 1 row", results["fits"].Message, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Skipped, results["after_fits"].Status);
        Assert.Equal(["1", "2"], project.Query("select id from analytics.fits order by id").Select(r => EngineRows.Text(r[0])).ToArray());
        Assert.Empty(project.Query("select 1 from pg_catalog.pg_class where relname like 'fits__dbt_tmp%'"));
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

    /// <summary>Reads <c>wells</c> (integer, text, a number, date; a row of NULLs) and writes every column type a C#
    /// model has, from two writers at once (odd ids from one, even from the other).</summary>
    private sealed class EveryTypeModel : ICSharpModel
    {
        private static readonly ModelColumn[] Columns =
        [
            ModelColumn.Integer("id"),
            ModelColumn.Text("name"),
            ModelColumn.Double("rate"),
            ModelColumn.Date("day"),
            ModelColumn.Enum("kind", "low", "high"),
            ModelColumn.DateList("days"),
            ModelColumn.DoubleList("rates"),
            ModelColumn.Integer("writer"),
        ];

        public int? FailAfterRows { get; init; }

        public string Name => "fits";

        public IReadOnlyList<string> DependsOn { get; } = ["wells"];

        public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
        {
            await context.CreateTargetAsync(Columns, cancellationToken);
            using var reader = context.Read($"select id, name, rate, day from {context.Ref("wells")} order by id", cancellationToken);
            using var odd = context.OpenWriter(Columns);
            using var even = context.OpenWriter(Columns);
            var rows = 0;
            while (reader.Read())
            {
                if (rows++ == FailAfterRows)
                {
                    throw new InvalidOperationException($"failed after {FailAfterRows} row");
                }

                var id = reader.GetInt32(0);
                var writer = id % 2 == 1 ? odd : even;
                writer.StartRow();
                writer.Write(id);
                writer.WriteText(reader.IsNull(1) ? null : reader.GetString(1));
                double? rate = reader.IsNull(2) ? null : reader.GetDouble(2) * 2;
                writer.Write(rate);
                DateOnly? day = reader.IsNull(3) ? null : reader.GetDate(3);
                writer.Write(day);
                if (rate is { } r && day is { } d)
                {
                    writer.WriteEnum(r > 6 ? 1 : 0);
                    writer.Write([d, d.AddMonths(1)]);
                    writer.Write([r, r]);
                }
                else
                {
                    writer.WriteNulls(3);
                }

                writer.Write(id % 2);
            }

            odd.Complete();
            even.Complete();
        }
    }
}
