using System.Diagnostics;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>Runs one node on one session: compile (timed), execute (timed), write compiled/ and run/ SQL.</summary>
internal static class NodeExecutor
{
    public static async Task<(NodeResult Result, string? ShortStatus)> ExecuteAsync(
        RunContext context, ISqlSession session, Node node, string threadId, CancellationToken cancellationToken)
    {
        if (ExecutionPlan.IsNoOp(node))
        {
            // dbt's NoOpRunner: nothing runs, the result says so.
            return (new NodeResult { Node = node, Status = NodeStatus.NoOp, Message = "NO-OP", ThreadId = threadId, AdapterResponse = new Dictionary<string, object?>() }, "NO-OP");
        }

        var clock = Stopwatch.StartNew();
        var timing = new List<PhaseTiming>(2);
        string? compiled = null;
        NodeOutcome outcome;
        var compileStart = DateTimeOffset.UtcNow;
        try
        {
            session.Comment = context.QueryCommentFor(node, session);
            if (node.ResourceType != ResourceType.Seed && node.Language != "csharp")
            {
                compiled = context.Compile(node, session);
                context.WriteTargetFile("compiled", node, compiled);
            }

            timing.Add(new PhaseTiming("compile", compileStart, DateTimeOffset.UtcNow));
            var executeStart = DateTimeOffset.UtcNow;
            outcome = context.Request.Command == DbtCommandKind.Compile
                ? new NodeOutcome(NodeStatus.Success, "OK") { ShortStatus = "OK" }
                : await RunAsync(context, session, node, compiled, cancellationToken).ConfigureAwait(false);
            timing.Add(new PhaseTiming("execute", executeStart, DateTimeOffset.UtcNow));
            if (outcome.RunSql is { } runSql)
            {
                context.WriteTargetFile("run", node, runSql);
            }
        }
        catch (NodeCompilationException ex)
        {
            timing.Add(new PhaseTiming("compile", compileStart, DateTimeOffset.UtcNow));
            var kind = ex.IsDatabaseError ? "Database Error" : "Compilation Error";
            outcome = new NodeOutcome(NodeStatus.Error, $"{kind} in {node.ResourceType.ToDbtString()} {node.Name} ({node.OriginalFilePath})\n  {ex.Message}");
        }
        catch (IOException ex)
        {
            outcome = new NodeOutcome(NodeStatus.Error, $"Runtime Error in {node.ResourceType.ToDbtString()} {node.Name} ({node.OriginalFilePath})\n  {ex.Message}");
        }
        finally
        {
            session.Comment = null;
        }

        var response = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["_message"] = outcome.ShortStatus ?? outcome.Status.ToDbtString().ToUpperInvariant(),
            ["code"] = outcome.ShortStatus?.Split(' ')[0],
        };
        if (outcome.RowsAffected is { } rows)
        {
            response["rows_affected"] = rows;
        }

        var result = new NodeResult
        {
            Node = node,
            Status = outcome.Status,
            Message = outcome.Message,
            Failures = outcome.Failures,
            ThreadId = threadId,
            ExecutionTime = clock.Elapsed.TotalSeconds,
            Timing = timing,
            AdapterResponse = outcome.Status == NodeStatus.Error ? new Dictionary<string, object?>() : response,
            RelationName = outcome.RelationName ?? (node.ResourceType is ResourceType.Test or ResourceType.UnitTest ? null : node.Relation.ToString()),
            CompiledCode = compiled,
        };
        return (result, outcome.ShortStatus);
    }

    /// <summary>Runs the node, between its pre- and post-hooks when it has any.</summary>
    private static async Task<NodeOutcome> RunAsync(RunContext context, ISqlSession session, Node node, string? compiled, CancellationToken cancellationToken)
    {
        // A model's, seed's, data test's or snapshot's materialization a project or package replaces (dbt's choice).
        if ((node.ResourceType == ResourceType.Model && node.Language == "sql" || node.ResourceType is ResourceType.Seed or ResourceType.Test or ResourceType.Snapshot)
            && context.Request.Compiler.FindMaterialization(node, context.Adapter.Type) is { } custom)
        {
            return CustomMaterializer.Run(context, session, node, compiled, custom);
        }

        if (node.ResourceType is ResourceType.Test or ResourceType.UnitTest || !ModelHooks.Any(node))
        {
            return await MaterializeAsync(context, session, node, compiled, cancellationToken).ConfigureAwait(false);
        }

        if (ModelHooks.RunPre(context, session, node, cancellationToken) is { } preFailed)
        {
            return preFailed;
        }

        var outcome = await MaterializeAsync(context, session, node, compiled, cancellationToken).ConfigureAwait(false);
        return outcome.Status == NodeStatus.Success && ModelHooks.RunPost(context, session, node, cancellationToken) is { } postFailed
            ? postFailed with { RunSql = outcome.RunSql }
            : outcome;
    }

    private static Task<NodeOutcome> MaterializeAsync(RunContext context, ISqlSession session, Node node, string? compiled, CancellationToken cancellationToken) =>
        AdapterSupport.Check(context.Adapter, node) is { } unsupported ? Task.FromResult(unsupported)
        : node.ResourceType == ResourceType.Model && node.Language == "sql" && ContractCheck.Check(session, node, compiled!, cancellationToken) is { } broken
            ? Task.FromResult(broken)
            : node.ResourceType switch
        {
            ResourceType.Seed => Task.FromResult(SeedLoader.Run(context, session, node, cancellationToken)),
            ResourceType.Snapshot => Task.FromResult(SnapshotMaterializer.Run(context, session, node, compiled!, cancellationToken)),
            ResourceType.Test => Task.FromResult(TestExecutor.Run(context, session, node, compiled!, cancellationToken)),
            ResourceType.UnitTest => Task.FromResult(UnitTestExecutor.Run(context, session, node, compiled!, cancellationToken)),
            _ when node.Language == "csharp" => CSharpModelRunner.RunAsync(context, session, node, cancellationToken),
            _ => Task.FromResult(ModelMaterializer.Run(context, session, node, compiled!, cancellationToken)),
        };
}
