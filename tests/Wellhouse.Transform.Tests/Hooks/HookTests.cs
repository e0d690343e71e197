using System.Text.Json;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Hooks;

/// <summary>
/// dbt's hooks, run: model/seed <c>pre-hook</c> and <c>post-hook</c> (project, .yml and config() ones, in order, with
/// <c>before_begin</c>/<c>after_commit</c>), and <c>on-run-start</c>/<c>on-run-end</c> of the project and its packages,
/// recorded as operation results; a failing hook fails its node or is reported, never silently passed over.
/// </summary>
public sealed class HookTests
{
    private const string AuditStart = "on-run-start:\n  - \"create table if not exists audit (step varchar, seq integer)\"\n  - \"insert into audit values ('run-start', (select count(*) from audit))\"\n";

    private static TempProject Project(string extraProjectYaml = "", string? orders = null)
    {
        var project = new TempProject("wellhouse-hooks-");
        project.WriteProject("hooked", AuditStart + extraProjectYaml);
        project.Write("seeds/raw_orders.csv", "id,amount\n1,10\n2,20\n");
        project.Write("models/orders.sql", orders ?? """
            {{ config(
                materialized='table',
                pre_hook=["insert into audit values ('pre ' || '{{ this.identifier }}', (select count(*) from audit))", before_begin("insert into audit values ('before_begin', (select count(*) from audit))")],
                post_hook=[after_commit("insert into audit values ('after_commit', (select count(*) from audit))"), "insert into audit select 'post rows=' || count(*), (select count(*) from audit) from {{ this }}"]
            ) }}
            select * from {{ ref('raw_orders') }}
            """);
        return project;
    }

    private static List<string> Steps(TempProject project) =>
        [.. project.Query("select step from audit order by seq").Select(r => (string)r[0]!)];

    [Fact]
    public async Task Model_hooks_run_around_the_build_in_dbts_order_with_this_rendered()
    {
        using var project = Project("models:\n  hooked:\n    +post-hook: \"insert into audit values ('project post', (select count(*) from audit))\"\n");
        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log));
        // Outside-transaction pre-hooks first; post-hooks: project's, then the file's in-transaction one, then after_commit.
        Assert.Equal(["run-start", "before_begin", "pre orders", "project post", "post rows=2", "after_commit"], Steps(project));
    }

    [Fact]
    public async Task On_run_hooks_are_operation_results_and_on_run_end_sees_results_and_schemas()
    {
        using var project = Project("""
            on-run-end:
              - "insert into audit values ('end {% for r in results %}{{ r.node.name }}={{ r.status }};{% endfor %} schemas={{ schemas | join(',') }}', 100)"
            """);
        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log));
        var end = project.Query("select step from audit where seq = 100").Single()[0];
        Assert.Equal("end raw_orders=success;orders=success; schemas=main", end);
        var ids = report.Outcome!.Results.Select(r => r.Node.UniqueId).ToList();
        Assert.Equal(["operation.hooked.hooked-on-run-start-0", "operation.hooked.hooked-on-run-start-1", "seed.hooked.raw_orders", "model.hooked.orders", "operation.hooked.hooked-on-run-end-0"], ids);
        Assert.Contains(project.Log, l => l.Contains("START hook: hooked.on-run-start.0", StringComparison.Ordinal));

        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "run_results.json")));
        var first = results.RootElement.GetProperty("results")[0];
        Assert.Equal("operation.hooked.hooked-on-run-start-0", first.GetProperty("unique_id").GetString());
        Assert.Equal("success", first.GetProperty("status").GetString());
        Assert.Equal("main", first.GetProperty("thread_id").GetString());
    }

    [Fact]
    public async Task Compile_runs_no_hooks()
    {
        using var project = Project();
        var report = await project.RunAsync(DbtCommandKind.Compile);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.DoesNotContain(report.Outcome!.Results, r => r.Node.ResourceType == Wellhouse.Transform.Graph.ResourceType.Operation);
        Assert.Empty(project.Query("select table_name from information_schema.tables where table_name = 'audit'"));
    }

    [Fact]
    public async Task A_failing_post_hook_fails_the_model_naming_the_hook_and_skips_its_children()
    {
        using var project = Project(orders: "{{ config(materialized='table', post_hook=['select 1', 'insert into no_such_table values (1)']) }}\nselect 1 as id");
        project.Write("models/child.sql", "select * from {{ ref('orders') }}");
        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.False(report.Success);
        var orders = report.Outcome!.Results.Single(r => r.Node.Name == "orders");
        Assert.Equal(NodeStatus.Error, orders.Status);
        Assert.Contains("post-hook 2 of model orders (models/orders.sql)", orders.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", orders.Message, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Skipped, report.Outcome.Results.Single(r => r.Node.Name == "child").Status);
    }

    [Fact]
    public async Task A_failing_on_run_start_hook_skips_the_later_start_hooks_and_fails_the_run_but_nodes_still_run_by_default()
    {
        using var project = new TempProject("wellhouse-hooks-");
        project.WriteProject("hooked", "on-run-start:\n  - \"select * from missing_table\"\n  - \"select 1\"\n");
        project.Write("models/m.sql", "select 1 as id");
        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.False(report.Success);
        var statuses = report.Outcome!.Results.Select(r => (r.Node.Name, r.Status)).ToList();
        Assert.Equal([("hooked-on-run-start-0", NodeStatus.Error), ("hooked-on-run-start-1", NodeStatus.Skipped), ("m", NodeStatus.Success)], statuses);
        Assert.Contains("dbt_project.yml(3,1)", report.Outcome.Results[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_skip_nodes_if_on_run_start_fails_a_failed_start_hook_skips_every_node()
    {
        using var project = new TempProject("wellhouse-hooks-");
        project.WriteProject("hooked", "flags:\n  skip_nodes_if_on_run_start_fails: true\non-run-start: \"select * from missing_table\"\n");
        project.Write("models/m.sql", "select 1 as id");
        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.Equal(NodeStatus.Skipped, report.Outcome!.Results.Single(r => r.Node.Name == "m").Status);
    }

    [Fact]
    public async Task Hooks_of_packages_run_before_the_root_projects_and_the_manifest_lists_model_hooks()
    {
        using var project = Project();
        project.Write("dbt_packages/zz_pkg/dbt_project.yml", "name: zz_pkg\non-run-start: \"insert into audit values ('zz_pkg start', (select count(*) from audit))\"\n");
        project.Write("dbt_packages/aa_pkg/dbt_project.yml", "name: aa_pkg\non-run-start: \"create table if not exists audit (step varchar, seq integer)\"\n");
        project.Write("packages.yml", "packages:\n  - local: dbt_packages/aa_pkg\n  - local: dbt_packages/zz_pkg\n");
        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal("zz_pkg start", Steps(project)[0]);
        Assert.Equal(
            ["operation.aa_pkg.aa_pkg-on-run-start-0", "operation.zz_pkg.zz_pkg-on-run-start-0", "operation.hooked.hooked-on-run-start-0"],
            report.Outcome!.Results.Take(3).Select(r => r.Node.UniqueId));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "manifest.json")));
        var config = manifest.RootElement.GetProperty("nodes").GetProperty("model.hooked.orders").GetProperty("config");
        var pre = config.GetProperty("pre-hook");
        Assert.Equal(2, pre.GetArrayLength());
        Assert.False(pre[1].GetProperty("transaction").GetBoolean());
        Assert.Equal(1, pre[1].GetProperty("index").GetInt32());
    }
}
