using Wellhouse.Testing;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>Seeds (binary COPY, dbt's type inference, column_types, bad values) and data tests on PostgreSQL.</summary>
public sealed class PostgresSeedAndTestTests(PostgresCluster cluster)
{
    [Fact]
    public async Task Seed_InferredTypes_PostgresNamesAndValues()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("seeds");
        project.Write("seeds/s.csv", "i,n,d,ts,b,t,big\n1,1.5,2024-01-31,2024-01-31 10:00:00,true,abc,5000000000\n2,,2024-02-01,2024-02-01T11:30:00,False,,1\n");

        var report = await project.RunAsync(DbtCommandKind.Seed);

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal("INSERT 2", report.Outcome!.Results.Single().Message);
        var types = project.Query("select data_type from information_schema.columns where table_name = 's' order by ordinal_position").Select(r => (string)r[0]!);
        Assert.Equal(["integer", "double precision", "date", "timestamp without time zone", "boolean", "text", "bigint"], types);
        var rows = EngineRows.Normalize(project.Query("select * from analytics.s order by i"));
        Assert.Equal(["1", "1.5", "2024-01-31", "2024-01-31 10:00:00", "true", "abc", "5000000000"], rows[0]);
        Assert.Equal(["2", "null", "2024-02-01", "2024-02-01 11:30:00", "false", "null", "1"], rows[1]);
    }

    [Fact]
    public async Task Seed_ColumnTypesAndReload_KeepsDeclaredTypeAndReplacesRows()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("seeds", "seeds:\n  seeds:\n    s:\n      +column_types:\n        code: varchar(5)\n        amount: numeric(10,2)\n");
        project.Write("seeds/s.csv", "code,amount\n007,1.25\n");
        var first = await project.RunAsync(DbtCommandKind.Seed);
        Assert.True(first.Success, string.Join("\n", first.FormatProblems()));
        project.Write("seeds/s.csv", "code,amount\n008,2.5\n009,3\n");

        var report = await project.RunAsync(DbtCommandKind.Seed);

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        Assert.Equal([["008", "2.5"], ["009", "3"]], EngineRows.Normalize(project.Query("select * from analytics.s order by 1")));
        Assert.Equal(["character varying", "numeric"], project.Query("select data_type from information_schema.columns where table_name = 's' order by ordinal_position").Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task A_project_seed_materialization_inserts_the_rows_as_literals_with_postgres_types()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("seeds", "seeds:\n  seeds:\n    s:\n      +column_types:\n        code: varchar(5)\n");
        project.Write("macros/seed.sql", """
            {% materialization seed, default %}
              {%- set agate_table = load_agate_table() -%}
              {%- set old_relation = adapter.get_relation(database=database, schema=schema, identifier=model['alias']) -%}
              {%- if old_relation is not none -%}
                {%- set create_sql = reset_csv_table(model, should_full_refresh(), old_relation, agate_table) -%}
              {%- else -%}
                {%- set create_sql = create_csv_table(model, agate_table) -%}
              {%- endif -%}
              {%- set insert_sql = load_csv_rows(model, agate_table) -%}
              {%- call noop_statement('main', 'LOADED ' ~ (agate_table.rows | length)) -%}{{ get_csv_sql(create_sql, insert_sql) }}{%- endcall -%}
              {{ return({'relations': [this.incorporate(type='table')]}) }}
            {% endmaterialization %}
            """);
        project.Write("seeds/s.csv", "code,n,d,b,t\n007,1.5,2024-01-31,true,it's\n008,,2024-02-01,false,\n");

        var first = await project.RunAsync(DbtCommandKind.Seed);
        var second = await project.RunAsync(DbtCommandKind.Seed);

        Assert.True(first.Success && second.Success, string.Join("\n", second.FormatProblems()));
        Assert.Equal("LOADED 2", second.Outcome!.Results.Single(r => r.Node.Name == "s").Message);
        Assert.Equal(["character varying", "double precision", "date", "boolean", "text"], project.Query("select data_type from information_schema.columns where table_name = 's' order by ordinal_position").Select(r => (string)r[0]!));
        Assert.Equal([["007", "1.5", "2024-01-31", "true", "it's"], ["008", "null", "2024-02-01", "false", "null"]], EngineRows.Normalize(project.Query("select * from analytics.s order by 1")));
    }

    [Fact]
    public async Task Seed_FullRefreshUnderAView_DropsWithCascadeAsDbtPostgres()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("shop");
        project.Write("seeds/codes.csv", "code,label\n1,a\n2,b\n");
        project.Write("models/over_codes.sql", "select code from {{ ref('codes') }}");
        Assert.True((await project.RunAsync()).Success);
        project.Write("seeds/codes.csv", "code,label\n1,a\n2,b\n3,c\n");

        var seeded = await project.RunAsync(DbtCommandKind.Seed, fullRefresh: true);
        var rebuilt = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(seeded.Success, string.Join("\n", seeded.FormatProblems()));
        Assert.True(rebuilt.Success, string.Join("\n", rebuilt.FormatProblems()));
        Assert.Equal(3L, Convert.ToInt64(project.Query("select count(*) from analytics.over_codes")[0][0]));
    }

    [Fact]
    public async Task Seed_BadValueForDeclaredType_FileLineColumnAndNothingWritten()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("seeds", "seeds:\n  seeds:\n    s:\n      +column_types: {amount: double precision}\n");
        var rows = string.Concat(Enumerable.Range(1, 300).Select(i => $"{i},{i}.5\n"));
        project.Write("seeds/s.csv", "id,amount\n" + rows + "301,lots\n302,1\n");

        var report = await project.RunAsync(DbtCommandKind.Seed);

        Assert.False(report.Success);
        Assert.Contains("seeds/s.csv(302,2): error SEED001: value 'lots' in column 'amount' is not a valid double precision", report.Outcome!.Results.Single().Message, StringComparison.Ordinal);
        Assert.Empty(project.Query("select 1 from information_schema.tables where table_name = 's'"));
    }

    [Fact]
    public async Task DataTests_GenericAndStoreFailures_CountFailingRowsAndKeepThem()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("checks");
        project.Write("models/m.sql", "select * from (values (1, 'a'), (1, 'b'), (null, 'z')) as t(id, letter)");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: m
                columns:
                  - name: id
                    data_tests:
                      - unique
                      - not_null:
                          config: {severity: warn}
                  - name: letter
                    data_tests:
                      - accepted_values:
                          values: ['a', 'b']
                          config: {store_failures: true}
            """);

        var report = await project.RunAsync();

        var results = report.Outcome!.Results.ToDictionary(r => r.Node.Name.Split("_m_")[0]);
        Assert.Equal((NodeStatus.Fail, 1L), (results["unique"].Status, results["unique"].Failures));
        Assert.Equal((NodeStatus.Warn, 1L), (results["not_null"].Status, results["not_null"].Failures));
        Assert.Equal(NodeStatus.Fail, results["accepted_values"].Status);
        Assert.Contains("See test failures: select * from", results["accepted_values"].Message, StringComparison.Ordinal);
        var audit = project.Query("select table_schema, table_name from information_schema.tables where table_schema = 'analytics_dbt_test__audit'");
        var stored = Assert.Single(audit);
        Assert.Equal(["z"], project.Query($"select value_field from analytics_dbt_test__audit.\"{stored[1]}\"").Select(r => (string)r[0]!));
    }
}
