using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's query comment (<c>query-comment:</c>) for the statements of a node or of a named connection: the default
/// JSON (app, dbt_version, profile_name, target_name, then node_id or connection_name), or the project's template
/// rendered with <c>node</c> and <c>connection_name</c>; null when switched off. dbt names the connections that have
/// no node: <c>master</c> (run hooks), <c>macro_&lt;name&gt;</c> (run-operation), <c>generate_catalog</c> (docs
/// generate).
/// </summary>
internal static class QueryComments
{
    /// <summary>The comment; <paramref name="render"/> renders the template with extra globals (it throws
    /// <see cref="NodeCompilationException"/> when the template fails).</summary>
    public static QueryComment? For(QueryCommentSetting? setting, string profileName, string targetName, Node? node, string connectionName, Func<string, IReadOnlyDictionary<string, object?>, string> render)
    {
        if (setting is null)
        {
            return null;
        }

        string text;
        if (setting.Template is null)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["app"] = "dbt",
                ["dbt_version"] = Artifacts.RunResultsWriter.DbtVersion,
                ["profile_name"] = profileName,
                ["target_name"] = targetName,
            };
            fields[node is null ? "connection_name" : "node_id"] = node?.UniqueId ?? connectionName;
            text = Jinja.Runtime.Json.Dumps(fields, null, SourceSpan.None, sortKeys: false);
        }
        else
        {
            var globals = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["node"] = node is null ? null : Compilation.DbtContext.NodeDict(node),
                ["connection_name"] = node?.UniqueId ?? connectionName,
            };
            text = render(setting.Template, globals).Trim();
        }

        if (text.Contains("*/", StringComparison.Ordinal))
        {
            throw new NodeCompilationException($"query comment contains illegal value '*/': {text}");
        }

        return text.Length == 0 ? null : new QueryComment(text, setting.Append);
    }

    /// <summary>The comment for verbs that run outside the runner (run-operation, show, docs generate), its template
    /// rendered by <paramref name="compiler"/>.</summary>
    public static QueryComment? For(LoadedProject project, Compilation.Compiler compiler, Node? node, string connectionName) =>
        For(project.ProjectFile.QueryComment, project.Target.ProfileName, project.Target.Name, node, connectionName, (template, globals) =>
        {
            var rendered = compiler.RenderSnippet(template, new SourceSpan("dbt_project.yml", 0, 0), node, globals);
            return rendered.Sql ?? throw new NodeCompilationException(rendered.Error!.Format(project.ProjectDir));
        });
}
