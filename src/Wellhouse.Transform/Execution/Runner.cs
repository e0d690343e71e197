using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Executes an <see cref="ExecutionPlan"/>: up to <c>Threads</c> nodes at a time, each worker on its own connection to
/// the one database instance; a node starts when everything it waits for is done. A failed model or seed, or a failed
/// error-severity test, marks everything downstream skipped (dbt's behaviour); <c>--fail-fast</c> skips everything not
/// yet started after the first failure; cancellation interrupts running SQL and skips the rest.
/// </summary>
internal sealed partial class Runner
{
    private readonly RunContext context;
    private readonly ExecutionPlan plan;
    private readonly Lock gate = new();
    private readonly Dictionary<string, NodeResult> results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> pending = new(StringComparer.Ordinal);
    private readonly HashSet<string> blocked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> planIndex = new(StringComparer.Ordinal);
    private int started;
    private bool stopAll;
    private string? stopReason;

    private Runner(RunContext context, ExecutionPlan plan)
    {
        this.context = context;
        this.plan = plan;
        for (var i = 0; i < plan.Order.Count; i++)
        {
            var id = plan.Order[i].UniqueId;
            planIndex[id] = i;
            pending[id] = plan.Parents[id].Count;
        }
    }

    /// <summary>Runs the request; the result lists the on-run-start hooks, every planned node in plan order, then the
    /// on-run-end hooks. With nothing selected no hook runs (dbt: "Nothing to do").</summary>
    public static async Task<RunOutcome> RunAsync(RunRequest request, ISqlAdapter adapter, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var plan = ExecutionPlan.Create(request.Manifest, request.Selected, request.Command);
        var context = new RunContext(request, adapter);
        var runner = new Runner(context, plan);
        var hooked = plan.Order.Count > 0;
        var startHooks = RunHookExecutor.Run(context, hooked ? request.OnRunStart : [], null, cancellationToken);
        try
        {
            if (request.SkipNodesIfOnRunStartFails && startHooks.Any(h => h.Status == NodeStatus.Error))
            {
                runner.stopAll = true;
                runner.stopReason = "skipped: an on-run-start hook failed (flags: skip_nodes_if_on_run_start_fails)";
            }

            await runner.RunAllAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            try
            {
                context.FlushTargetFiles();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                request.Log?.Invoke("warning: could not write target/compiled or target/run files: " + ex.Message);
            }
        }

        var nodeResults = plan.Order.Select(n => runner.results[n.UniqueId]).ToList();
        var endHooks = RunHookExecutor.Run(context, hooked ? request.OnRunEnd : [], RunHookExecutor.EndContext(nodeResults, startHooks), cancellationToken);
        List<NodeResult> ordered = [.. startHooks, .. nodeResults, .. endHooks];
        request.Log?.Invoke(string.Empty);
        request.Log?.Invoke(ProgressFormatter.Summary(ordered));
        return new RunOutcome(ordered, startedAt, DateTimeOffset.UtcNow, cancellationToken.IsCancellationRequested);
    }

    private async Task RunAllAsync(CancellationToken cancellationToken)
    {
        var threads = Math.Max(1, context.Request.Threads);
        var ready = new PriorityQueue<Node, int>();
        foreach (var node in plan.Order)
        {
            if (pending[node.UniqueId] == 0)
            {
                ready.Enqueue(node, planIndex[node.UniqueId]);
            }
        }

        var sessions = new Stack<(ISqlSession Session, string ThreadId)>();
        var running = new List<Task<Node>>();
        var threadCount = 0;
        try
        {
            while (ready.Count > 0 || running.Count > 0)
            {
                while (ready.Count > 0 && running.Count < threads)
                {
                    var node = ready.Dequeue();
                    if (TrySkip(node, cancellationToken))
                    {
                        Release(node, ready);
                        continue;
                    }

                    lock (gate)
                    {
                        if (sessions.Count == 0)
                        {
                            threadCount++;
                            sessions.Push((context.Adapter.OpenSession(), Compilation.RenderThread.Worker(threadCount)));
                        }
                    }

                    (ISqlSession Session, string ThreadId) worker;
                    lock (gate)
                    {
                        worker = sessions.Pop();
                    }

                    var index = Interlocked.Increment(ref started);
                    if (!ExecutionPlan.IsNoOp(node))
                    {
                        Log(ProgressFormatter.Start(node, index, plan.Order.Count));
                    }

                    // One thread: run inline on this thread (no thread hops; under CPU contention each hop costs a
                    // scheduling delay). More threads: run on the thread pool.
                    running.Add(threads == 1 ? Work() : Task.Run(Work, CancellationToken.None));

                    async Task<Node> Work()
                    {
                        using var thread = Compilation.RenderThread.Use(worker.ThreadId);
                        try
                        {
                            var (result, shortStatus) = await NodeExecutor.ExecuteAsync(context, worker.Session, node, worker.ThreadId, cancellationToken).ConfigureAwait(false);
                            if (cancellationToken.IsCancellationRequested && result.Status == NodeStatus.Error)
                            {
                                result = Cancelled(node, worker.ThreadId);
                            }

                            Complete(result, index, shortStatus);
                        }
                        catch (OperationCanceledException)
                        {
                            Complete(Cancelled(node, worker.ThreadId), index, null);
                        }
                        catch (Exception ex)
                        {
                            // A bug must not take the whole run down with a stack trace: report it on the node.
                            var message = $"Internal Error in {node.ResourceType.ToDbtString()} {node.Name} ({node.OriginalFilePath})\n  {ex.GetType().Name}: {ex.Message}";
                            Complete(new NodeResult { Node = node, Status = NodeStatus.Error, Message = message, ThreadId = worker.ThreadId }, index, null);
                        }
                        finally
                        {
                            lock (gate)
                            {
                                sessions.Push(worker);
                            }
                        }

                        return node;
                    }
                }

                if (running.Count == 0)
                {
                    break;
                }

                var done = await Task.WhenAny(running).ConfigureAwait(false);
                running.Remove(done);
                Release(await done.ConfigureAwait(false), ready);
            }
        }
        finally
        {
            await Task.WhenAll(running).ConfigureAwait(false);
            foreach (var (session, _) in sessions)
            {
                session.Dispose();
            }
        }
    }
}
