using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Materializations;

/// <summary>
/// A project's <c>{% materialization seed/test/snapshot %}</c> replacing dbt's, as dbt-core uses it: a seed's block
/// loads the CSV with <c>load_agate_table()</c> and dbt's seed helpers, a data test's block selects the one row
/// (failures, should_warn, should_error) the test's status is read from (dbt-core's TestRunner), and a package may not
/// replace either (require_explicit_package_overrides_for_builtin_materializations). A snapshot block is not run: each
/// snapshot fails naming it.
/// </summary>
public sealed class SeedAndTestMaterializationTests
{
    /// <summary>A test materialization written here: records each test it runs, then counts the failing rows.</summary>
    private const string AuditedTests = """
        {% materialization test, default %}
          {% call statement('audit') %}insert into main.test_audit values ('{{ model.name }}', '{{ thread_id }}'){% endcall %}
          {% call statement('main', fetch_result=True) -%}
            {{ get_test_sql(sql, config.get('fail_calc'), config.get('warn_if'), config.get('error_if'), config.get('limit')) }}
          {%- endcall %}
          {{ return({'relations': []}) }}
        {% endmaterialization %}
        """;

    /// <summary>A seed materialization written here on dbt's seed helpers; it also records what it loaded.</summary>
    private const string AuditedSeeds = """
        {% materialization seed, adapter='duckdb' %}
          {%- set agate_table = load_agate_table() -%}
          {%- set old_relation = adapter.get_relation(database=database, schema=schema, identifier=model['alias']) -%}
          {{ run_hooks(pre_hooks) }}
          {%- if old_relation is not none -%}
            {%- set create_sql = reset_csv_table(model, should_full_refresh(), old_relation, agate_table) -%}
          {%- else -%}
            {%- set create_sql = create_csv_table(model, agate_table) -%}
          {%- endif -%}
          {%- set insert_sql = load_csv_rows(model, agate_table) -%}
          {%- set count = agate_table.rows | length -%}
          {%- call noop_statement('main', 'SEEDED ' ~ count, 'SEEDED', count) -%}
            {{ get_csv_sql(create_sql, insert_sql) }}
          {%- endcall -%}
          {% call statement('audit') %}
            insert into main.seed_audit values ('{{ this.identifier }}', '{{ agate_table.column_names | join(",") }}', '{{ adapter.convert_type(agate_table, 0) }}|{{ adapter.convert_type(agate_table, 3) }}|{{ adapter.convert_type(agate_table, 4) }}', {{ count }})
          {% endcall %}
          {{ run_hooks(post_hooks) }}
          {{ return({'relations': [this.incorporate(type='table')]}) }}
        {% endmaterialization %}
        """;

    private static TempProject Project(string macros)
    {
        var project = new TempProject("wellhouse-seed-test-materialization-");
        project.WriteProject("mats", """
            on-run-start:
              - "create table if not exists main.test_audit (test varchar, thread varchar)"
              - "create table if not exists main.seed_audit (seed varchar, columns varchar, types varchar, n integer)"
            seeds:
              mats:
                +column_types:
                  amount: decimal(10,2)
            """);
        project.Write("macros/materializations.sql", macros);
        project.Write("seeds/payments.csv", "id,name,amount,day,flag\n1,a,1.5,2024-01-02,true\n2,b,,2024-01-03,false\n3,c,2.25,2024-01-04,true\n");
        project.Write("models/orders.sql", "select id, case when id = 3 then null else name end as name from {{ ref('payments') }}");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: orders
                columns:
                  - name: id
                    data_tests: [unique]
                  - name: name
                    data_tests:
                      - not_null
                      - not_null:
                          name: name_not_null_warn
                          config:
                            severity: warn
            """);
        return project;
    }

    [Fact]
    public async Task A_project_test_materialization_runs_every_data_test_and_its_row_decides_the_status()
    {
        using var project = Project(AuditedTests);

        var report = await project.RunAsync(DbtCommandKind.Build);

        var results = report.Outcome!.Results.ToDictionary(r => r.Node.Name);
        Assert.Equal(NodeStatus.Pass, results["unique_orders_id"].Status);
        Assert.Equal(NodeStatus.Fail, results["not_null_orders_name"].Status);
        Assert.Equal("Got 1 result, configured to fail if != 0", results["not_null_orders_name"].Message);
        Assert.Equal(1L, results["not_null_orders_name"].Failures);
        Assert.Equal(NodeStatus.Warn, results["name_not_null_warn"].Status);
        Assert.Equal("Got 1 result, configured to warn if != 0", results["name_not_null_warn"].Message);
        Assert.Equal(
            ["name_not_null_warn", "not_null_orders_name", "unique_orders_id"],
            project.Query("select test from main.test_audit order by test").Select(r => (string)r[0]!).ToList());
        // The block rendered on the node's worker thread.
        Assert.All(project.Query("select thread from main.test_audit"), r => Assert.Equal("Thread-1 (worker)", r[0]));
        Assert.Contains(project.Log, l => l.Contains("FAIL 1", StringComparison.Ordinal) && l.Contains("not_null_orders_name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_test_materialization_whose_main_statement_is_not_one_row_of_three_columns_errors_as_dbt()
    {
        using var project = Project("""
            {% materialization test, default %}
              {% call statement('main', fetch_result=True) %}select count(*) as failures, false as should_warn from ({{ sql }}) t{% endcall %}
              {{ return({'relations': []}) }}
            {% endmaterialization %}
            """);

        var report = await project.RunAsync(DbtCommandKind.Build);

        var unique = report.Outcome!.Results.Single(r => r.Node.Name == "unique_orders_id");
        Assert.Equal(NodeStatus.Error, unique.Status);
        Assert.Contains("dbt internally failed to execute test.mats.unique_orders_id", unique.Message, StringComparison.Ordinal);
        Assert.Contains("Returned 2 columns, but expected 3 columns", unique.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_seed_materialization_loads_the_csv_with_dbts_seed_helpers_each_run()
    {
        using var project = Project(AuditedSeeds);

        var first = await project.RunAsync(DbtCommandKind.Seed);
        var second = await project.RunAsync(DbtCommandKind.Seed);

        Assert.True(first.Success && second.Success, string.Join("\n", project.Log));
        var seed = second.Outcome!.Results.Single(r => r.Node.Name == "payments");
        Assert.Equal("SEEDED 3", seed.Message);
        Assert.Contains(project.Log, l => l.Contains("OK loaded seed file main.payments", StringComparison.Ordinal) && l.Contains("SEEDED 3", StringComparison.Ordinal));
        // Truncated and loaded again, not appended: three rows, typed by column_types and by dbt's inference.
        Assert.Equal([[3L, "3.75"]], project.Query("select count(*), cast(sum(amount) as varchar) from main.payments"));
        Assert.Equal(
            [["id", "INTEGER"], ["name", "VARCHAR"], ["amount", "DECIMAL(10,2)"], ["day", "DATE"], ["flag", "BOOLEAN"]],
            project.Query("select column_name, data_type from information_schema.columns where table_name = 'payments' order by ordinal_position"));
        Assert.Equal(
            [["payments", "id,name,amount,day,flag", "INTEGER|DATE|BOOLEAN", 3], ["payments", "id,name,amount,day,flag", "INTEGER|DATE|BOOLEAN", 3]],
            project.Query("select seed, columns, types, n from main.seed_audit"));
        var run = File.ReadAllText(Path.Combine(project.ProjectDir, "target", "run", "mats", "seeds", "payments.csv"));
        Assert.Contains("truncate table \"dev\".\"main\".\"payments\";", run, StringComparison.Ordinal);
        Assert.Contains("copy \"dev\".\"main\".\"payments\" from '", run, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_package_may_not_replace_the_seed_or_test_materialization()
    {
        using var project = Project(string.Empty);
        project.Write("dbt_packages/pkg/dbt_project.yml", "name: pkg\n");
        project.Write("dbt_packages/pkg/macros/mats.sql", AuditedTests + AuditedSeeds);

        var report = await project.RunAsync(DbtCommandKind.Build);

        Assert.Empty(project.Query("select * from main.test_audit"));
        Assert.Empty(project.Query("select * from main.seed_audit"));
        Assert.Equal("INSERT 3", report.Outcome!.Results.Single(r => r.Node.Name == "payments").Message);
        Assert.Equal(NodeStatus.Fail, report.Outcome.Results.Single(r => r.Node.Name == "not_null_orders_name").Status);
    }

    [Fact]
    public async Task With_the_legacy_flag_off_a_package_replaces_them_and_dbts_deprecation_is_logged_once()
    {
        using var project = Project(string.Empty);
        File.AppendAllText(Path.Combine(project.ProjectDir, "dbt_project.yml"), "\nflags:\n  require_explicit_package_overrides_for_builtin_materializations: false\n");
        project.Write("dbt_packages/pkg/dbt_project.yml", "name: pkg\n");
        project.Write("dbt_packages/pkg/macros/mats.sql", AuditedTests + AuditedSeeds);

        var report = await project.RunAsync(DbtCommandKind.Build);

        Assert.True(report.Outcome is not null, string.Join("\n", report.FormatProblems()));
        Assert.Equal("SEEDED 3", report.Outcome!.Results.Single(r => r.Node.Name == "payments").Message);
        Assert.Equal(3, project.Query("select * from main.test_audit").Count);
        Assert.Single(project.Log, l => l.Contains("Installed package 'pkg' is overriding the built-in materialization 'test'", StringComparison.Ordinal));
        Assert.Single(project.Log, l => l.Contains("Installed package 'pkg' is overriding the built-in materialization 'seed'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Load_agate_table_outside_a_seed_is_dbts_error()
    {
        using var project = Project("""
            {% materialization test, default %}
              {% set t = load_agate_table() %}
              {{ return({'relations': []}) }}
            {% endmaterialization %}
            """);

        var report = await project.RunAsync(DbtCommandKind.Build);

        var unique = report.Outcome!.Results.Single(r => r.Node.Name == "unique_orders_id");
        Assert.Equal(NodeStatus.Error, unique.Status);
        Assert.Contains("can only load_agate_table for seeds (got a test)", unique.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_snapshot_materialization_fails_each_snapshot_naming_the_block()
    {
        using var project = Project("""
            {% macro helper() %}1{% endmacro %}
            {% materialization snapshot, default %}
              {{ return({'relations': []}) }}
            {% endmaterialization %}
            """);
        project.Write("snapshots/payments_snapshot.sql", """
            {% snapshot payments_snapshot %}
            {{ config(unique_key='id', strategy='check', check_cols='all', target_schema='main') }}
            select * from {{ ref('payments') }}
            {% endsnapshot %}
            """);

        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });
        var report = await project.RunAsync(DbtCommandKind.Build);

        var warning = Assert.Single(load.Diagnostics, d => d.Code == "DBT180");
        Assert.Equal(("macros/materializations.sql", 2), (warning.Span.File, warning.Span.Line));
        var snapshot = report.Outcome!.Results.Single(r => r.Node.Name == "payments_snapshot");
        Assert.Equal(NodeStatus.Error, snapshot.Status);
        Assert.Contains("macros/materializations.sql(2,", snapshot.Message, StringComparison.Ordinal);
        Assert.Contains("materialization 'snapshot' (adapter 'default') of mats replaces dbt's snapshot materialization", snapshot.Message, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Success, report.Outcome.Results.Single(r => r.Node.Name == "orders").Status);
    }
}
