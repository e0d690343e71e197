using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

public static partial class DbtRunner
{
    private const string NothingToShow = "show: pass --select with a SQL model, snapshot or analysis, or --inline 'select ...'";

    /// <summary>
    /// dbt's <c>show</c>: compiles each selected model, snapshot or analysis (or the <paramref name="inline"/> SQL, which
    /// may use ref() and source()), runs it against the target database with a row limit, and prints
    /// <c>Previewing node 'x':</c> and the rows as a table. Nothing is built; the relations it reads must exist.
    /// A limit below 0 means no limit. The outcome has one result per previewed node.
    /// </summary>
    public static Task<DbtRunReport> ShowAsync(DbtRunOptions options, string? inline, int limit, CancellationToken cancellationToken)
    {
        var load = ProjectLoader.Load(options.ToLoadOptions());
        if (!load.Success || load.Project is not { } project)
        {
            return Task.FromResult(new DbtRunReport { Diagnostics = load.Diagnostics, Project = load.Project });
        }

        List<Node> nodes = [];
        if (inline is null && options.Selector is null && !options.Select.Any(s => !string.IsNullOrWhiteSpace(s)))
        {
            return Task.FromResult(new DbtRunReport { Diagnostics = load.Diagnostics, Project = project, Error = NothingToShow });
        }

        if (inline is null)
        {
            var selected = ProjectSelection.TrySelect(project, options.Select, options.Exclude, options.Selector, out var selectError, indirectSelection: options.IndirectSelection);
            if (selected is null)
            {
                return Task.FromResult(new DbtRunReport { Diagnostics = [.. load.Diagnostics, selectError!], Project = project });
            }

            nodes = [.. project.Graph.TopologicalOrder.Where(selected.Contains).Select(id => project.Manifest.Nodes[id])
                .Where(n => n.ResourceType is ResourceType.Model or ResourceType.Snapshot or ResourceType.Analysis && n.Language == "sql")];
            if (nodes.Count == 0)
            {
                return Task.FromResult(new DbtRunReport
                {
                    Diagnostics = load.Diagnostics,
                    Project = project,
                    Error = NothingToShow,
                });
            }
        }

        var target = ToAdapterTarget(project.Target, project.ProjectDir, options.DatabasePath);
        if (OpenAdapter(project, target, load.Diagnostics, out var failed) is not { } adapter)
        {
            return Task.FromResult(failed!);
        }

        using (adapter)
        {
            using var session = adapter.OpenSession();
            var compiler = new Compiler(project, CreateCompileHooks(session, options, "show", invocationArgs: InvocationArgs.For(project, options, "show", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["inline"] = inline,
                ["limit"] = (long)limit,
            })));
            var started = DateTimeOffset.UtcNow;
            var results = new List<NodeResult>();
            if (inline is not null)
            {
                var node = InlineNode(project, inline);
                var rendered = WithComment(project, compiler, session, node, () => compiler.RenderSnippet(inline, new SourceSpan("--inline", 0, 0)), out var commentError);
                results.Add(Preview(options, session, node, rendered?.Sql, commentError ?? rendered?.Error?.Format(project.ProjectDir), limit, cancellationToken));
            }

            foreach (var node in nodes)
            {
                var compiled = WithComment(project, compiler, session, node, () => compiler.Compile(node), out var commentError);
                results.Add(Preview(options, session, node, compiled?.Success == true ? compiled.CompiledCode : null, commentError ?? string.Join("\n", compiled!.Diagnostics.Select(d => d.Format(project.ProjectDir))), limit, cancellationToken));
            }

            var outcome = new RunOutcome(results, started, DateTimeOffset.UtcNow, cancellationToken.IsCancellationRequested);
            return Task.FromResult(new DbtRunReport { Diagnostics = load.Diagnostics, Project = project, Outcome = outcome, DatabasePath = target.Path });
        }
    }

    /// <summary>Sets the node's query comment on the session (dbt comments a preview's statements with its node id),
    /// then runs <paramref name="compile"/>; null and the comment's error when the comment fails.</summary>
    private static T? WithComment<T>(LoadedProject project, Compiler compiler, ISqlSession session, Node node, Func<T> compile, out string? error)
        where T : class
    {
        try
        {
            session.Comment = QueryComments.For(project, compiler, node, node.UniqueId);
        }
        catch (NodeCompilationException ex)
        {
            session.Comment = null;
            error = ex.Message;
            return null;
        }

        error = null;
        return compile();
    }

    private static NodeResult Preview(DbtRunOptions options, ISqlSession session, Node node, string? sql, string? compileError, int limit, CancellationToken cancellationToken)
    {
        string message;
        var status = NodeStatus.Success;
        if (sql is null)
        {
            status = NodeStatus.Error;
            message = $"Compilation Error in {node.ResourceType.ToDbtString()} {node.Name}\n  {compileError}";
        }
        else
        {
            try
            {
                var query = limit < 0 ? sql : $"select * from (\n{sql.TrimEnd().TrimEnd(';')}\n) as show_preview limit {limit}";
                var table = new AgateTable(session.Fetch(query, cancellationToken), null);
                message = $"Previewing node '{node.Name}':\n" + AgateTablePrinter.Format(table, null, null, null, null);
            }
            catch (AdapterException ex)
            {
                status = NodeStatus.Error;
                message = $"Database Error in {node.ResourceType.ToDbtString()} {node.Name} ({node.OriginalFilePath})\n  {ex.Message.Trim()}";
            }
        }

        options.Log?.Invoke(message);
        return new NodeResult { Node = node, Status = status, Message = message, ThreadId = "main", CompiledCode = sql };
    }

    private static Node InlineNode(LoadedProject project, string sql) => new()
    {
        UniqueId = $"sql_operation.{project.Name}.inline_query",
        ResourceType = ResourceType.Operation,
        Name = "inline_query",
        PackageName = project.Name,
        OriginalFilePath = "--inline",
        Path = "inline_query.sql",
        Fqn = [project.Name, "inline_query"],
        RawCode = sql,
    };
}
