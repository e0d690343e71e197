using System.Diagnostics;
using System.Globalization;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Runs the <c>on-run-start</c> hooks before a run's nodes and the <c>on-run-end</c> hooks after them (every verb but
/// <c>compile</c>), as dbt does: the packages' hooks by package name, then the root project's; each rendered when it
/// runs, on its own session; after a failing hook the rest of that kind are skipped. Each hook is a result of the run
/// (<c>operation.&lt;package&gt;.&lt;package&gt;-on-run-end-0</c>, thread <c>main</c>). <c>on-run-end</c> sees
/// <c>results</c> (the nodes' results, and failed start hooks), <c>schemas</c> and <c>database_schemas</c> (where
/// relations were built successfully).
/// </summary>
internal static class RunHookExecutor
{
    public static List<NodeResult> Run(RunContext context, IReadOnlyList<RunHook> hooks, IReadOnlyDictionary<string, object?>? extraGlobals, CancellationToken cancellationToken)
    {
        var results = new List<NodeResult>(hooks.Count);
        if (hooks.Count == 0)
        {
            return results;
        }

        var log = context.Request.Log;
        log?.Invoke($"Running {hooks.Count} {hooks[0].Kind} hook{(hooks.Count == 1 ? string.Empty : "s")}");
        using var session = context.Adapter.OpenSession();
        var failed = false;
        for (var i = 0; i < hooks.Count; i++)
        {
            var hook = hooks[i];
            var node = NodeOf(hook);
            var label = $"{hook.PackageName}.{hook.Kind}.{hook.Index}";
            if (failed || cancellationToken.IsCancellationRequested)
            {
                results.Add(new NodeResult { Node = node, Status = NodeStatus.Skipped, Message = label + " skipped", ThreadId = "main" });
                continue;
            }

            log?.Invoke(ProgressFormatter.Line(i + 1, hooks.Count, "START hook: " + label, "RUN"));
            var clock = Stopwatch.StartNew();
            var start = DateTimeOffset.UtcNow;
            string? error = null;
            string? sql = null;
            try
            {
                session.Comment ??= context.QueryCommentFor(null, session);
                sql = context.RenderSnippet(hook.Sql, hook.DefinedAt, null, session, extraGlobals);
                node.CompiledCode = sql;
                if (!string.IsNullOrWhiteSpace(sql))
                {
                    session.Execute(sql, cancellationToken);
                }
            }
            catch (NodeCompilationException ex)
            {
                error = (ex.IsDatabaseError ? "Database Error" : "Compilation Error") + " in " + label + "\n  " + ex.Message;
            }
            catch (AdapterException ex)
            {
                error = $"Database Error in {label} ({hook.DefinedAt})\n  {ex.Message.Trim()}";
            }

            var time = clock.Elapsed.TotalSeconds;
            failed = error is not null;
            results.Add(new NodeResult
            {
                Node = node,
                Status = failed ? NodeStatus.Error : NodeStatus.Success,
                Message = failed ? label + " failed, error:\n " + error : label + " passed",
                ThreadId = "main",
                ExecutionTime = time,
                Timing = [new PhaseTiming("execute", start, DateTimeOffset.UtcNow)],
                CompiledCode = sql,
            });
            var status = (failed ? "ERROR" : "OK") + " in " + time.ToString("0.00", CultureInfo.InvariantCulture) + "s";
            log?.Invoke(ProgressFormatter.Line(i + 1, hooks.Count, (failed ? "ERROR hook: " : "OK hook: ") + label, status));
            if (error is not null)
            {
                foreach (var line in error.Split('\n'))
                {
                    log?.Invoke("  " + line);
                }
            }
        }

        log?.Invoke(string.Empty);
        return results;
    }

    /// <summary>What <c>on-run-end</c> hooks see besides dbt's usual context.</summary>
    public static Dictionary<string, object?> EndContext(IReadOnlyList<NodeResult> nodeResults, IReadOnlyList<NodeResult> startHooks)
    {
        var built = nodeResults
            .Where(r => r.Node.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot && !r.Node.IsEphemeral && !r.Status.IsFailure())
            .Select(r => (r.Node.Database, r.Node.Schema))
            .Distinct()
            .ToList();
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["results"] = nodeResults.Concat(startHooks.Where(r => r.Status == NodeStatus.Error)).Select(ResultValue).Cast<object?>().ToList(),
            ["schemas"] = built.Select(b => (object?)b.Schema).Distinct().ToList(),
            ["database_schemas"] = built.Select(b => (object?)new List<object?> { b.Database, b.Schema }).ToList(),
        };
    }

    /// <summary>A result as Jinja sees it: <c>result.node.unique_id</c>, <c>result.status</c>, <c>result.message</c>...</summary>
    private static Dictionary<string, object?> ResultValue(NodeResult result) => new(StringComparer.Ordinal)
    {
        ["status"] = result.Status.ToDbtString(),
        ["message"] = result.Message,
        ["failures"] = result.Failures,
        ["execution_time"] = result.ExecutionTime,
        ["thread_id"] = result.ThreadId,
        ["adapter_response"] = new Dictionary<string, object?>(result.AdapterResponse, StringComparer.Ordinal),
        ["timing"] = result.Timing.Select(t => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = t.Name,
            ["started_at"] = t.StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["completed_at"] = t.CompletedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        }).ToList(),
        ["node"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["unique_id"] = result.Node.UniqueId,
            ["name"] = result.Node.Name,
            ["resource_type"] = result.Node.ResourceType.ToDbtString(),
            ["package_name"] = result.Node.PackageName,
            ["original_file_path"] = result.Node.OriginalFilePath,
            ["database"] = result.Node.Database,
            ["schema"] = result.Node.Schema,
            ["alias"] = result.Node.Alias,
            ["relation_name"] = result.RelationName,
            ["config"] = new Dictionary<string, object?>(result.Node.Config.Values, StringComparer.Ordinal),
            ["tags"] = result.Node.Config.Tags.Cast<object?>().ToList(),
        },
    };

    private static Node NodeOf(RunHook hook) => new()
    {
        UniqueId = hook.UniqueId,
        ResourceType = ResourceType.Operation,
        Name = hook.Name,
        PackageName = hook.PackageName,
        OriginalFilePath = "./dbt_project.yml",
        Path = "hooks/" + hook.Name + ".sql",
        Fqn = [hook.PackageName, "hooks", hook.Name],
        RawCode = hook.Sql,
    };
}
