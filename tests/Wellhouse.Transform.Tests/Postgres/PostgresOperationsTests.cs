using Wellhouse.Testing;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Freshness;
using Wellhouse.Transform.Tests.State;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>The verbs besides build on PostgreSQL: run-operation (catalog changes, run_query), show, source freshness,
/// and hooks.</summary>
public sealed class PostgresOperationsTests(PostgresCluster cluster)
{
    [Fact]
    public async Task RunOperation_CreatesSchemaAndTableThroughAdapterAndRunQuery()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("ops");
        project.Write("macros/make_raw.sql", """
            {% macro make_raw(rows) %}
              {% set raw = api.Relation.create(database=target.database, schema=target.schema ~ '_raw') %}
              {% do adapter.create_schema(raw) %}
              {% do run_query('create table ' ~ raw ~ '.events as select generate_series(1, ' ~ rows ~ ') as id') %}
              {% set counted = run_query('select count(*) as n from ' ~ raw ~ '.events') %}
              {{ log('events: ' ~ counted.columns[0].values()[0], info=true) }}
            {% endmacro %}
            """);

        var report = await DbtRunner.RunOperationAsync(Options(project), "make_raw", "{rows: 3}", TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        Assert.Contains("events: 3", project.Log);
        Assert.Equal(3L, project.Query("select count(*) from analytics_raw.events")[0][0]);
    }

    [Fact]
    public async Task Relations_OnPostgres_AreDbtPostgresRelations()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("ops");
        project.Write("models/numbers.sql", "{{ config(materialized='table') }}\nselect 1 as n");
        project.Write("macros/kinds.sql", """
            {% macro kinds() %}
              {% set made = api.Relation.create(database=target.database, schema=target.schema, identifier='numbers') %}
              {% set found = adapter.get_relation(database=target.database, schema=target.schema, identifier='numbers') %}
              {{ log('kinds: ' ~ made.metadata.type ~ ' ' ~ found.metadata.type ~ ' ' ~ found.include(database=false).metadata.type ~ ' ' ~ ref('numbers').metadata.type ~ ' ' ~ adapter.type(), info=true) }}
            {% endmacro %}
            """);
        Assert.True((await project.RunAsync()).Success);

        var report = await DbtRunner.RunOperationAsync(Options(project), "kinds", null, TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        Assert.Contains("kinds: PostgresRelation PostgresRelation PostgresRelation PostgresRelation postgres", project.Log);
    }

    [Fact]
    public async Task Catalog_ReadAsDbtPackagesRead_InformationSchemaStatementRowsAndFloatColumns()
    {
        // dbt_utils' get_relations_by_pattern iterates a statement's table; audit_helper reads
        // relation.information_schema('columns'); dbt_utils' equality rounds the columns whose is_float() is true; codegen
        // writes a column's data_type, which dbt-postgres leaves text for text.
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("ops");
        project.Write("models/numbers.sql", "{{ config(materialized='table') }}\nselect 1 as n, cast(1.5 as double precision) as x, cast('a' as text) as t");
        project.Write("macros/columns.sql", """
            {% macro columns() %}
              {% set rel = api.Relation.create(database=target.database, schema=target.schema, identifier='numbers') %}
              {%- call statement('cols', fetch_result=True) -%}
                select column_name from {{ rel.information_schema('columns') }} where table_name = 'numbers' order by ordinal_position
              {%- endcall -%}
              {% set names = [] %}
              {% for row in load_result('cols')['table'] %}{% do names.append(row.column_name) %}{% endfor %}
              {% set floats = [] %}
              {% set types = [] %}
              {% for col in adapter.get_columns_in_relation(rel) %}
                {% do types.append(col.data_type) %}
                {% if col.is_float() %}{% do floats.append(col.name) %}{% endif %}
              {% endfor %}
              {{ log('columns: ' ~ names | join(',') ~ ' floats: ' ~ floats | join(',') ~ ' types: ' ~ types | join(',') ~ ' from ' ~ rel.information_schema('columns'), info=true) }}
            {% endmacro %}
            """);
        Assert.True((await project.RunAsync()).Success);

        var report = await DbtRunner.RunOperationAsync(Options(project), "columns", null, TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        Assert.Contains($"columns: n,x,t floats: x types: integer,double precision,text from \"{project.Database}\".information_schema.columns", project.Log);
    }

    [Fact]
    public async Task GetColumnsInRelation_OnPostgres_GivesDbtPostgresColumns()
    {
        // dbt-postgres reads information_schema.columns: data_type as the dtype (USER-DEFINED for an enum, ARRAY, a
        // domain's base type) and the sizes beside it; datavault4dbt casts its ghost records to column.dtype.
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("ops");
        project.Cluster.Query(project.Database, "create schema analytics; create type mood as enum ('ok', 'sad'); create domain year as integer; "
            + "create table analytics.kinds (v varchar(45), m numeric(4,2), t text, c char(3), e mood, a integer[], y year, ts timestamptz, f float8, n numeric)");
        project.Write("macros/columns.sql", """
            {% macro columns() %}
              {% set rel = api.Relation.create(database=target.database, schema=target.schema, identifier='kinds') %}
              {% for col in adapter.get_columns_in_relation(rel) %}
                {{ log('col ' ~ col.name ~ '|' ~ col.dtype ~ '|' ~ col.data_type ~ '|' ~ col.char_size ~ '|' ~ col.numeric_precision ~ '|' ~ col.numeric_scale ~ '|' ~ col.is_string() ~ '|' ~ col.is_numeric() ~ '|' ~ col.literal('1'), info=true) }}
              {% endfor %}
            {% endmacro %}
            """);

        var report = await DbtRunner.RunOperationAsync(Options(project), "columns", null, TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        Assert.Equal(
            [
                "col v|character varying|character varying(45)|45|None|None|True|False|1::character varying(45)",
                "col m|numeric|numeric(4,2)|None|4|2|False|True|1::numeric(4,2)",
                "col t|text|text|None|None|None|True|False|1::text",
                "col c|character|character varying(3)|3|None|None|True|False|1::character varying(3)",
                "col e|USER-DEFINED|USER-DEFINED|None|None|None|False|False|1::USER-DEFINED",
                "col a|ARRAY|ARRAY|None|None|None|False|False|1::ARRAY",
                "col y|integer|integer|None|32|0|False|False|1::integer",
                "col ts|timestamp with time zone|timestamp with time zone|None|None|None|False|False|1::timestamp with time zone",
                "col f|double precision|double precision|None|53|None|False|False|1::double precision",
                "col n|numeric|numeric|None|None|None|False|True|1::numeric",
            ],
            project.Log.Where(l => l.Contains("col ", StringComparison.Ordinal)).Select(l => l[l.IndexOf("col ", StringComparison.Ordinal)..].TrimEnd()));
    }

    [Fact]
    public async Task Show_InlineWithRef_PrintsTheFirstRows()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("ops");
        project.Write("models/numbers.sql", "{{ config(materialized='table') }}\nselect generate_series(1, 10) as n");
        Assert.True((await project.RunAsync()).Success);

        var report = await DbtRunner.ShowAsync(Options(project), "select n, n * 2 as doubled from {{ ref('numbers') }} order by n", 2, TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", report.FormatProblems()));
        var shown = report.Outcome!.Results.Single().Message!;
        Assert.Contains("| n | doubled |", shown.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("| 2 |", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("| 3 |", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SourceFreshness_OnPostgres_ReadsMaxLoadedAt()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("ops", "seeds:\n  ops:\n    +schema: raw\n");
        project.Write("seeds/events.csv", "id,loaded_at\n1,2026-01-01 00:00:00\n2,2026-01-09 12:00:00\n");
        project.Write("models/sources.yml", """
            version: 2
            sources:
              - name: raw
                schema: analytics_raw
                loaded_at_field: loaded_at
                freshness:
                  warn_after: {count: 1, period: day}
                  error_after: {count: 30, period: day}
                tables:
                  - name: events
            """);
        Assert.True((await project.RunAsync(DbtCommandKind.Seed)).Success);

        var report = await SourceFreshnessRunner.RunAsync(Options(project), TestContext.Current.CancellationToken, new FixedClock(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)));

        var result = Assert.Single(report.Results!);
        Assert.Null(result.Error);
        Assert.Equal(new DateTimeOffset(2026, 1, 9, 12, 0, 0, TimeSpan.Zero), result.MaxLoadedAt);
        Assert.Equal(FreshnessStatus.Pass, result.Status);
        Assert.Equal(43200, result.AgeSeconds);
    }

    [Fact]
    public async Task Hooks_OnPostgres_RunBeforeAndAfterTheModelAndTheRun()
    {
        await using var project = await PostgresProject.CreateAsync(cluster);
        project.WriteProject("ops", "on-run-start: [\"create schema if not exists {{ target.schema }}\", \"create table if not exists {{ target.schema }}.audit (event text)\"]\non-run-end: [\"insert into {{ target.schema }}.audit values ('end')\"]\n");
        project.Write("models/m.sql", "{{ config(materialized='table', pre_hook=\"insert into {{ target.schema }}.audit values ('pre')\", post_hook=\"insert into {{ target.schema }}.audit select 'post ' || count(*) from {{ this }}\") }}\nselect 1 as n");

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        Assert.Equal(["pre", "post 1", "end"], project.Query("select event from analytics.audit").Select(r => (string)r[0]!));
    }

    private static DbtRunOptions Options(PostgresProject project) => new()
    {
        ProjectDir = project.ProjectDir,
        ProfilesDir = project.ProjectDir,
        Log = line =>
        {
            lock (project.Log)
            {
                project.Log.Add(line);
            }
        },
    };
}
