using System.Text.Json;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Compilation;

/// <summary>dbt's <c>invocation_args_dict</c>, <c>thread_id</c> and <c>diff_of_two_dicts</c> (dbt-core 1.10's
/// <c>args_to_dict</c>, <c>BaseContext.thread_id</c> and <c>BaseContext.diff_of_two_dicts</c>).</summary>
public sealed class InvocationContextTests
{
    [Fact]
    public async Task Invocation_args_dict_holds_dbt_keys_defaults_and_project_flags_and_leaves_out_unset_ones()
    {
        using var project = new TempProject("wellhouse-invocation-");
        project.WriteProject("inv", "flags:\n  send_anonymous_usage_stats: false\n  require_resource_names_without_spaces: false\n");
        project.Write("models/args.sql", """
            {% set a = invocation_args_dict %}
            select
              '{{ a.which }}|{{ a.select | join(" ") }}|{{ a.vars.days }}|{{ a.exclude | length }}' as given,
              '{{ a.log_level }}|{{ a.printer_width }}|{{ a.indirect_selection }}|{{ a.partial_parse }}|{{ a.log_file_max_bytes }}' as defaults,
              '{{ a.send_anonymous_usage_stats }}|{{ a.require_resource_names_without_spaces }}|{{ a.require_explicit_package_overrides_for_builtin_materializations }}' as flags,
              '{{ "full_refresh" in a }}|{{ "debug" in a }}|{{ "store_failures" in a }}|{{ "selector" in a }}|{{ "threads" in a }}' as left_out,
              '{{ a.empty }}|{{ a.resource_types | length }}|{{ a.warn_error_options.error | length }}|{{ a.project_dir == project_dir_expected }}' as build_keys
            """.Replace("project_dir_expected", "'" + project.ProjectDir.Replace("'", "''") + "'"));

        var report = await project.RunAsync(DbtCommandKind.Build, vars: "{days: 30}", select: ["args"]);

        Assert.True(report.Success, string.Join("\n", project.Log));
        var row = project.Query("select given, defaults, flags, left_out, build_keys from main.args").Single();
        Assert.Equal(["build|args|30|0", "info|80|eager|True|10485760", "False|False|True", "False|False|False|False|False", "False|0|0|True"], row);

        // run_results.json's args are the same dictionary.
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "run_results.json")));
        var args = results.RootElement.GetProperty("args");
        Assert.Equal("build", args.GetProperty("which").GetString());
        Assert.Equal(30, args.GetProperty("vars").GetProperty("days").GetInt32());
        Assert.Equal("dbt build", args.GetProperty("invocation_command").GetString());
        Assert.Equal(Path.Combine(project.ProjectDir, "logs"), args.GetProperty("log_path").GetString());
        Assert.False(args.TryGetProperty("full_refresh", out _));
    }

    [Fact]
    public async Task A_flag_given_is_in_invocation_args_dict_and_a_verb_has_its_own_keys()
    {
        using var project = new TempProject("wellhouse-invocation-");
        project.WriteProject("inv");
        project.Write("models/args.sql", """
            select '{{ invocation_args_dict.which }}|{{ invocation_args_dict.full_refresh }}|{{ invocation_args_dict.threads }}|{{ "resource_types" in invocation_args_dict }}|{{ "empty" in invocation_args_dict }}' as given
            """);

        var report = await project.RunAsync(DbtCommandKind.Run, threads: 2, fullRefresh: true);

        Assert.True(report.Success, string.Join("\n", project.Log));
        // dbt's run takes --empty but not --resource-type.
        Assert.Equal("run|True|2|False|True", project.Query("select given from main.args").Single()[0]);
    }

    [Fact]
    public async Task Docs_generate_is_which_generate_in_flags_invocation_args_dict_and_run_results()
    {
        using var project = new TempProject("wellhouse-invocation-");
        project.WriteProject("inv");
        project.Write("models/m.sql", "select '{{ flags.WHICH }}|{{ invocation_args_dict.which }}' as w");

        var docs = await Wellhouse.Transform.Docs.DocsGenerator.GenerateAsync(
            new Wellhouse.Transform.Docs.DocsGenerateOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, CSharpModels = new Dictionary<string, ICSharpModel>() },
            TestContext.Current.CancellationToken);

        Assert.Empty(docs.Errors);
        var compiled = File.ReadAllText(Path.Combine(project.ProjectDir, "target", "compiled", "inv", "models", "m.sql"));
        Assert.Equal("select 'generate|generate' as w", compiled.Trim());
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "run_results.json")));
        Assert.Equal("generate", results.RootElement.GetProperty("args").GetProperty("which").GetString());
    }

    [Fact]
    public async Task Source_freshness_is_which_freshness_while_parsing()
    {
        using var project = new TempProject("wellhouse-invocation-");
        project.WriteProject("inv");
        project.Write("models/m.sql", "{{ config(tags=[flags.WHICH]) }}\nselect 1 as x");

        var freshness = await Wellhouse.Transform.Execution.Freshness.SourceFreshnessRunner.RunAsync(
            new DbtRunOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, Command = DbtCommandKind.Compile, Which = "freshness" },
            TestContext.Current.CancellationToken);
        var build = await project.RunAsync(DbtCommandKind.Build);

        Assert.Equal(["freshness"], freshness.Project!.Manifest.Nodes["model.inv.m"].Config.Tags);
        Assert.True(build.Success, string.Join("\n", project.Log));
        Assert.Equal(["build"], build.Project!.Manifest.Nodes["model.inv.m"].Config.Tags);
    }

    [Fact]
    public async Task Dbt_version_is_the_dbt_release_the_engine_matches_in_jinja_and_artifacts()
    {
        using var project = new TempProject("wellhouse-invocation-");
        project.WriteProject("inv");
        project.Write("models/v.sql", "select '{{ dbt_version }}' as v");

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal("1.10.8", project.Query("select v from main.v").Single()[0]);
        foreach (var artifact in new[] { "run_results.json", "manifest.json" })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", artifact)));
            Assert.Equal("1.10.8", json.RootElement.GetProperty("metadata").GetProperty("dbt_version").GetString());
        }
    }

    [Fact]
    public async Task Thread_id_is_the_worker_thread_for_nodes_and_the_main_thread_for_run_hooks()
    {
        using var project = new TempProject("wellhouse-invocation-");
        project.WriteProject("inv", "on-run-start:\n  - \"create or replace table main.hook_thread as select '{{ thread_id }}' as thread\"\n");
        project.Write("models/first.sql", "select '{{ thread_id }}' as thread");
        project.Write("models/second.sql", "select '{{ thread_id }}' as thread");

        var report = await project.RunAsync(DbtCommandKind.Run, threads: 2);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal("MainThread", project.Query("select thread from main.hook_thread").Single()[0]);
        foreach (var name in new[] { "first", "second" })
        {
            var rendered = (string)project.Query($"select thread from main.{name}").Single()[0]!;
            Assert.Matches(@"^Thread-[12] \(worker\)$", rendered);
            // The name run_results.json records for the node.
            Assert.Equal(rendered, report.Outcome!.Results.Single(r => r.Node.Name == name).ThreadId);
        }
    }

    [Fact]
    public async Task Diff_of_two_dicts_subtracts_without_regard_to_case_keeping_the_first_dicts_case()
    {
        using var project = new TempProject("wellhouse-invocation-");
        project.WriteProject("inv");
        project.Write("models/diffed.sql", """
            {% set a = {'key_x': ['value_1', 'VALUE_2'], 'KEY_Y': ['value_3'], 'key_w': ['Same']} %}
            {% set b = {'key_x': ['value_1'], 'key_z': ['value_4'], 'KEY_W': ['same']} %}
            select '{{ tojson(diff_of_two_dicts(a, b)) }}' as diff, '{{ tojson(diff_of_two_dicts(dict_a={}, dict_b=b)) }}' as empty
            """);

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal(["{\"key_x\": [\"VALUE_2\"], \"KEY_Y\": [\"value_3\"]}", "{}"], project.Query("select diff, empty from main.diffed").Single());
    }

    [Fact]
    public async Task Diff_of_two_dicts_with_values_that_are_not_strings_is_a_compilation_error_at_the_call()
    {
        using var project = new TempProject("wellhouse-invocation-");
        project.WriteProject("inv");
        project.Write("models/bad.sql", "select '{{ diff_of_two_dicts({'a': [1]}, {'a': [2]}) }}' as diff");

        var report = await project.RunAsync(DbtCommandKind.Run);

        // The model renders while parsing, so the project does not load (dbt's parse fails the same way).
        Assert.False(report.Success);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Wellhouse.Transform.Project.DiagnosticSeverity.Error);
        Assert.Contains("'int' object has no attribute 'casefold'", error.Message);
        Assert.Equal(("models/bad.sql", 1), (error.Span.File, error.Span.Line));
    }
}
