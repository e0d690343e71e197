namespace Wellhouse.Transform.Tests.Execution;

/// <summary>dbt's query comment on every statement a node (or a run hook) sends: the default JSON, a template, appended,
/// or switched off; read back with DuckDB's <c>current_query()</c> stored by the model itself.</summary>
public sealed class QueryCommentTests
{
    private static async Task<(string Model, string Hook)> BuiltQueries(string projectYml)
    {
        using var project = new TempProject("wellhouse-query-comment-");
        project.WriteProject("qc", projectYml + "on-run-start:\n  - \"create or replace table main.hook_query as select current_query() as q\"\n");
        project.Write("models/m.sql", "{{ config(materialized='table') }}\nselect current_query() as q");
        var report = await project.RunAsync();
        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        return ((string)project.Query("select q from main.m").Single()[0]!, (string)project.Query("select q from main.hook_query").Single()[0]!);
    }

    [Fact]
    public async Task By_default_each_statement_starts_with_dbts_json_comment()
    {
        var (model, hook) = await BuiltQueries(string.Empty);

        Assert.StartsWith("/* {\"app\": \"dbt\", \"dbt_version\": \"1.10.8\", \"profile_name\": \"qc\", \"target_name\": \"dev\", \"node_id\": \"model.qc.m\"} */\ncreate", model, StringComparison.Ordinal);
        Assert.StartsWith("/* {\"app\": \"dbt\", \"dbt_version\": \"1.10.8\", \"profile_name\": \"qc\", \"target_name\": \"dev\", \"connection_name\": \"master\"} */\ncreate", hook, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_is_rendered_for_each_node_and_may_be_appended()
    {
        var (model, hook) = await BuiltQueries("query-comment:\n  comment: \"{{ target.name }} {{ node.unique_id if node else connection_name }}\"\n  append: true\n");

        Assert.EndsWith("\n/* dev model.qc.m */", model, StringComparison.Ordinal);
        Assert.StartsWith("create", model, StringComparison.Ordinal);
        Assert.EndsWith("\n/* dev master */", hook, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_string_is_a_prepended_template_and_null_switches_comments_off()
    {
        var (model, _) = await BuiltQueries("query-comment: \"built by {{ node.name }}\"\n");
        Assert.StartsWith("/* built by m */\ncreate", model, StringComparison.Ordinal);

        var (plain, plainHook) = await BuiltQueries("query-comment: null\n");
        Assert.StartsWith("create", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("/*", plainHook, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_comment_holding_a_comment_end_fails_the_node_with_dbts_message()
    {
        using var project = new TempProject("wellhouse-query-comment-");
        project.WriteProject("qc", "query-comment: \"a */ b\"\n");
        project.Write("models/m.sql", "select 1 as x");

        var report = await project.RunAsync();

        var m = Assert.Single(report.Outcome!.Results);
        Assert.Contains("query comment contains illegal value '*/'", m.Message, StringComparison.Ordinal);
    }

    private static Wellhouse.Transform.Execution.DbtRunOptions Options(TempProject project) => new()
    {
        ProjectDir = project.ProjectDir,
        ProfilesDir = project.ProjectDir,
        CSharpModels = new Dictionary<string, Wellhouse.Transform.Execution.ICSharpModel>(),
    };

    [Fact]
    public async Task Run_operation_and_show_send_dbts_comment_naming_their_connection_or_node()
    {
        using var project = new TempProject("wellhouse-query-comment-");
        project.WriteProject("qc");
        project.Write("macros/record.sql", "{% macro record() %}{% do run_query('create table main.op_query as select current_query() as q') %}{% endmacro %}");
        project.Write("models/m.sql", "select 1 as x");

        var operation = await Wellhouse.Transform.Execution.DbtRunner.RunOperationAsync(Options(project), "record", null, TestContext.Current.CancellationToken);
        var show = await Wellhouse.Transform.Execution.DbtRunner.ShowAsync(Options(project), "select position('\"node_id\": \"sql_operation.qc.inline_query\"' in current_query()) > 0 as commented", 5, TestContext.Current.CancellationToken);

        Assert.True(operation.Success, string.Join("\n", operation.FormatProblems()));
        Assert.StartsWith("/* {\"app\": \"dbt\", \"dbt_version\": \"1.10.8\", \"profile_name\": \"qc\", \"target_name\": \"dev\", \"connection_name\": \"macro_record\"} */\ncreate", (string)project.Query("select q from main.op_query").Single()[0]!, StringComparison.Ordinal);
        Assert.True(show.Success, string.Join("\n", show.FormatProblems()));
        Assert.Contains("True", show.Outcome!.Results.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docs_generate_renders_the_comment_for_its_generate_catalog_connection()
    {
        using var project = new TempProject("wellhouse-query-comment-");
        project.WriteProject("qc", "query-comment: \"{{ exceptions.raise_compiler_error('comment for ' ~ connection_name) if connection_name == 'generate_catalog' else 'ok' }}\"\n");
        project.Write("models/m.sql", "select 1 as x");
        Assert.True((await project.RunAsync()).Success, string.Join("\n", project.Log));

        var docs = await Wellhouse.Transform.Docs.DocsGenerator.GenerateAsync(
            new Wellhouse.Transform.Docs.DocsGenerateOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir, CSharpModels = new Dictionary<string, Wellhouse.Transform.Execution.ICSharpModel>() },
            TestContext.Current.CancellationToken);

        var error = Assert.Single(docs.Errors);
        Assert.Contains("comment for generate_catalog", error, StringComparison.Ordinal);
    }
}
