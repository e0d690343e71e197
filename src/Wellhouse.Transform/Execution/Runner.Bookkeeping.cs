using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

internal sealed partial class Runner
{
    /// <summary>Marks a node skipped (and reports it) if something upstream failed, or the run is stopping.</summary>
    private bool TrySkip(Node node, CancellationToken cancellationToken)
    {
        string? reason;
        lock (gate)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                reason = "skipped: the run was cancelled";
            }
            else if (stopAll)
            {
                reason = stopReason;
            }
            else if (blocked.Contains(node.UniqueId))
            {
                reason = "skipped: an upstream node failed";
            }
            else
            {
                return false;
            }
        }

        var index = Interlocked.Increment(ref started);
        var result = new NodeResult { Node = node, Status = NodeStatus.Skipped, Message = reason };
        Complete(result, index, null);
        return true;
    }

    private void Complete(NodeResult result, int index, string? shortStatus)
    {
        lock (gate)
        {
            results[result.Node.UniqueId] = result;
            if (result.Status.BlocksDownstream())
            {
                BlockDescendants(result.Node.UniqueId);
                if (context.Request.FailFast && result.Status != NodeStatus.Skipped && !stopAll)
                {
                    stopAll = true;
                    stopReason = $"skipped: --fail-fast after {result.Node.UniqueId} failed";
                }
            }

            Log(ProgressFormatter.Result(result, index, plan.Order.Count, shortStatus, context.Request.Command == DbtCommandKind.Compile));
            if (result.Status is NodeStatus.Error or NodeStatus.Fail or NodeStatus.Warn && result.Message is { } message)
            {
                foreach (var line in message.Split('\n'))
                {
                    Log("  " + line);
                }
            }
        }
    }

    /// <summary>Called on the scheduling thread after a node finished or was skipped: its children may become ready.</summary>
    private void Release(Node node, PriorityQueue<Node, int> ready)
    {
        lock (gate)
        {
            foreach (var child in plan.Children[node.UniqueId])
            {
                if (--pending[child] == 0)
                {
                    ready.Enqueue(plan.Nodes[child], planIndex[child]);
                }
            }
        }
    }

    private void BlockDescendants(string id)
    {
        var stack = new Stack<string>(plan.Children[id]);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (blocked.Add(current))
            {
                foreach (var child in plan.Children[current])
                {
                    stack.Push(child);
                }
            }
        }
    }

    private static NodeResult Cancelled(Node node, string threadId) =>
        new() { Node = node, Status = NodeStatus.Error, Message = "cancelled", ThreadId = threadId };

    private void Log(string line)
    {
        var log = context.Request.Log;
        if (log is null)
        {
            return;
        }

        lock (gate)
        {
            log(line);
        }
    }
}
