using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Materializations;

/// <summary>
/// dbt's <c>{% materialization %}</c> blocks: a model with <c>materialized='name'</c> is built by the block (dbt-core's
/// ModelRunner contract: it runs its hooks, calls <c>statement('main')</c> and returns <c>{'relations': [...]}</c>),
/// chosen among the root project's, the packages' and the engine's own as dbt-core chooses, with dbt's errors.
/// </summary>
public sealed class CustomMaterializationTests
{
    /// <summary>Appends the model's rows to its table, creating it on the first run.</summary>
    private const string InsertOnly = """
        {% materialization insert_only, adapter='duckdb' %}
          {%- set existing = load_relation(this) -%}
          {%- set target_relation = this.incorporate(type='table') -%}
          {{ run_hooks(pre_hooks, inside_transaction=False) }}
          {{ run_hooks(pre_hooks) }}
          {% call statement('main') -%}
            {% if existing is none %}
              {{ get_create_table_as_sql(False, target_relation, sql) }}
            {% else %}
              insert into {{ target_relation }} {{ sql }}
            {% endif %}
          {%- endcall %}
          {{ run_hooks(post_hooks) }}
          {{ adapter.commit() }}
          {{ return({'relations': [target_relation]}) }}
        {% endmaterialization %}
        """;

    private static TempProject Project(string materialization = InsertOnly, string model = "{{ config(materialized='insert_only') }}\nselect 1 as id, 'a' as label")
    {
        var project = new TempProject("wellhouse-materialization-");
        project.WriteProject("mats", "on-run-start: \"create table if not exists audit (step varchar)\"\n");
        project.Write("macros/insert_only.sql", materialization);
        project.Write("models/events.sql", model);
        return project;
    }

    [Fact]
    public async Task A_model_is_built_by_its_custom_materialization_with_hooks_each_run()
    {
        using var project = Project(model: """
            {{ config(materialized='insert_only', pre_hook="insert into audit values ('pre {{ this.identifier }}')", post_hook="insert into audit select 'post ' || count(*) from {{ this }}") }}
            select 1 as id, 'a' as label
            """);

        var first = await project.RunAsync(DbtCommandKind.Run);
        var second = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(first.Success && second.Success, string.Join("\n", project.Log));
        var events = second.Outcome!.Results.Single(r => r.Node.Name == "events");
        Assert.Equal("OK", events.Message);
        Assert.Equal([[2L]], project.Query("select count(*) from main.events"));
        Assert.Equal(["pre events", "post 1", "pre events", "post 2"], project.Query("select step from audit").Select(r => (string)r[0]!).ToList());
        var run = File.ReadAllText(Path.Combine(project.ProjectDir, "target", "run", "mats", "models", "events.sql"));
        Assert.Contains("insert into \"dev\".\"main\".\"events\"", run, StringComparison.Ordinal);
        Assert.Contains(project.Log, l => l.Contains("sql insert_only model main.events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_materialization_macro_is_in_the_manifest_and_no_longer_warned_about()
    {
        using var project = Project();
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.True(load.Success, string.Join("\n", load.Diagnostics));
        Assert.DoesNotContain(load.Diagnostics, d => d.Code == "DBT180");
        Assert.Contains("macro.mats.materialization_insert_only_duckdb", load.Project!.Manifest.Macros.Keys);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("{% materialization insert_only, default %}{% call statement('main') %}select 1{% endcall %}{% endmaterialization %}",
        "The materialization (\"insert_only\") did not explicitly return a list of relations to add to the cache.")]
    [InlineData("{% materialization insert_only, default %}{% call statement('main') %}select 1{% endcall %}{{ return({'rel': []}) }}{% endmaterialization %}",
        "Invalid return value from materialization, \"relations\" not found, got keys: ['rel']")]
    [InlineData("{% materialization insert_only, default %}{% call statement('main') %}select 1{% endcall %}{{ return({'relations': ['x']}) }}{% endmaterialization %}",
        "Invalid return value from materialization, \"relations\" contains non-Relation: x")]
    [InlineData("{% materialization insert_only, default %}{{ return({'relations': [this]}) }}{% endmaterialization %}",
        "main is not being called during running model")]
    [InlineData("{% materialization insert_only, default, supported_languages=['python'] %}{% endmaterialization %}",
        "Materialization \"materialization_insert_only_default\" only supports languages ['python']; got \"sql\"")]
    [InlineData("{% materialization other, default %}{% endmaterialization %}",
        "No materialization 'insert_only' was found for adapter duckdb! (searched types 'default' and 'duckdb')")]
    public async Task A_block_breaking_dbts_contract_fails_the_model_with_dbts_message(string materialization, string message)
    {
        using var project = Project(materialization);
        var report = await project.RunAsync(DbtCommandKind.Run);

        var events = report.Outcome!.Results.Single(r => r.Node.Name == "events");
        Assert.Equal(Wellhouse.Transform.Execution.NodeStatus.Error, events.Status);
        Assert.StartsWith("Compilation Error in model events (models/events.sql)", events.Message, StringComparison.Ordinal);
        Assert.Contains(message, events.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_main_statement_is_a_database_error_and_leaves_nothing_built()
    {
        using var project = Project(model: "{{ config(materialized='insert_only') }}\nselect no_such_column");
        var report = await project.RunAsync(DbtCommandKind.Run);

        var events = report.Outcome!.Results.Single(r => r.Node.Name == "events");
        Assert.Equal(Wellhouse.Transform.Execution.NodeStatus.Error, events.Status);
        Assert.StartsWith("Database Error in model events (models/events.sql)", events.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_column", events.Message, StringComparison.Ordinal);
        Assert.Empty(project.Query("select * from information_schema.tables where table_name = 'events'"));
    }

    [Fact]
    public async Task Rename_and_drop_helpers_swap_a_staged_table_into_place()
    {
        const string swap = """
            {% materialization swapped, default %}
              {%- set existing = load_cached_relation(this) -%}
              {%- set staged = make_intermediate_relation(this) -%}
              {%- set backup = make_backup_relation(this, 'table') -%}
              {{ drop_relation_if_exists(load_cached_relation(staged)) }}
              {% call statement('main') -%}{{ create_table_as(False, staged, sql) }}{%- endcall %}
              {% if existing is not none %}{{ adapter.rename_relation(existing, backup) }}{% endif %}
              {{ adapter.rename_relation(staged, this) }}
              {{ drop_relation_if_exists(backup) }}
              {{ return({'relations': [this]}) }}
            {% endmaterialization %}
            """;
        using var project = Project(swap, "{{ config(materialized='swapped') }}\nselect {{ var('n') }} as n");

        Assert.True((await project.RunAsync(DbtCommandKind.Run, vars: "{n: 1}")).Success, string.Join("\n", project.Log));
        Assert.True((await project.RunAsync(DbtCommandKind.Run, vars: "{n: 2}")).Success, string.Join("\n", project.Log));

        Assert.Equal([[2]], project.Query("select n from main.events"));
        Assert.Equal([["events"]], project.Query("select table_name from information_schema.tables where table_schema = 'main' and table_name like 'events%'"));
    }

    [Fact]
    public async Task Blocks_are_chosen_as_dbt_chooses_root_over_package_adapter_over_default_and_no_package_override_of_a_builtin()
    {
        // Each block records which one ran, then builds a view.
        static string Block(string header, string tag) =>
            $"{{% materialization {header} %}}{{% call statement('main') %}}create or replace view {{{{ this }}}} as select '{tag}' as built_by{{% endcall %}}{{{{ return({{'relations': [this]}}) }}}}{{% endmaterialization %}}\n";

        using var project = new TempProject("wellhouse-materialization-");
        project.WriteProject("mats");
        project.Write("macros/mats.sql", Block("view, adapter='duckdb'", "root view") + Block("shared, default", "root shared default"));
        project.Write("dbt_packages/pkg/dbt_project.yml", "name: pkg\n");
        project.Write("dbt_packages/pkg/macros/mats.sql",
            Block("table, adapter='duckdb'", "package table") + Block("shared, adapter='duckdb'", "package shared duckdb") + Block("only_pkg, default", "package only"));
        project.Write("models/a_view.sql", "{{ config(materialized='view') }} select 'engine' as built_by");
        project.Write("models/a_table.sql", "{{ config(materialized='table') }} select 'engine' as built_by");
        project.Write("models/a_shared.sql", "{{ config(materialized='shared') }} select 'engine' as built_by");
        project.Write("models/a_pkg.sql", "{{ config(materialized='only_pkg') }} select 'engine' as built_by");

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        string BuiltBy(string model) => (string)project.Query($"select built_by from main.{model}").Single()[0]!;
        Assert.Equal("root view", BuiltBy("a_view"));
        Assert.Equal("engine", BuiltBy("a_table"));
        Assert.Equal("package shared duckdb", BuiltBy("a_shared"));
        Assert.Equal("package only", BuiltBy("a_pkg"));
    }
}
