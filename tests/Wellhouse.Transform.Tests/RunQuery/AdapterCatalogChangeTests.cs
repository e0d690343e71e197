using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.RunQuery;

/// <summary>
/// The adapter methods that change the catalog, as dbt's: <c>adapter.create_schema</c> and <c>adapter.drop_schema</c>
/// take a relation made by <c>api.Relation.create(database=, schema=)</c> (no identifier, printed as
/// <c>"db"."schema"</c>); <c>adapter.drop_relation</c> drops a table or view and does nothing when it is gone.
/// </summary>
public sealed class AdapterCatalogChangeTests
{
    private static TempProject Project()
    {
        var project = new TempProject("wellhouse-catalog-change-");
        project.WriteProject("catalog_change");
        project.Write("macros/make_raw.sql", """
            {% macro make_raw() %}
              {% set raw = api.Relation.create(database=target.database, schema=target.schema ~ '_raw') %}
              {% do adapter.create_schema(raw) %}
              {% do run_query('create or replace table ' ~ raw ~ '.events as select 1 as id') %}
              {% do run_query("create or replace table main.printed as select '" ~ raw ~ "' as rendered") %}
            {% endmacro %}
            {% macro drop_raw() %}
              {% do adapter.drop_schema(api.Relation.create(database=target.database, schema=target.schema ~ '_raw')) %}
            {% endmacro %}
            """);
        project.Write("seeds/scratch.csv", "id\n1\n");
        project.Write("seeds/kept.csv", "id\n1\n");
        project.Write("seeds/scratch.yml", """
            seeds:
              - name: scratch
                config:
                  post-hook: "{% do adapter.drop_relation(this) %}{% do adapter.drop_relation(api.Relation.create(schema='main', identifier='never_built')) %}"
            """);
        return project;
    }

    private static Task<DbtRunReport> Operation(TempProject project, string macro) =>
        DbtRunner.RunOperationAsync(
            new DbtRunOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, Log = project.Log.Add },
            macro,
            null,
            TestContext.Current.CancellationToken);

    [Fact]
    public async Task Create_schema_takes_a_schema_relation_and_drop_schema_removes_it()
    {
        using var project = Project();

        var created = await Operation(project, "make_raw");

        Assert.True(created.Success, string.Join("\n", project.Log.Concat(created.FormatProblems())));
        Assert.Equal("\"dev\".\"main_raw\"", project.Query("select rendered from main.printed").Single()[0]);
        Assert.Equal(1, project.Query("select id from main_raw.events").Single()[0]);

        var dropped = await Operation(project, "drop_raw");

        Assert.True(dropped.Success, string.Join("\n", project.Log.Concat(dropped.FormatProblems())));
        Assert.Empty(project.Query("select schema_name from information_schema.schemata where schema_name = 'main_raw'"));
    }

    [Fact]
    public async Task An_operations_error_inside_a_macro_names_the_macros_file_and_line()
    {
        using var project = Project();
        project.Write("macros/broken.sql", "{% macro broken() %}\n  {% do adapter.no_such_method() %}\n{% endmacro %}\n");

        var report = await Operation(project, "broken");

        Assert.False(report.Success);
        var message = Assert.Single(report.Outcome!.Results).Message;
        Assert.Contains("macros/broken.sql(2,", message, StringComparison.Ordinal);
        Assert.Contains("has no attribute 'no_such_method'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drop_relation_in_a_post_hook_drops_the_seed_and_ignores_a_missing_relation()
    {
        using var project = Project();

        var report = await project.RunAsync(DbtCommandKind.Seed);

        Assert.True(report.Success, string.Join("\n", project.Log));
        var tables = project.Query("select table_name from information_schema.tables where table_schema = 'main' order by 1").Select(r => r[0]);
        Assert.Equal(["kept"], tables);
    }
}
