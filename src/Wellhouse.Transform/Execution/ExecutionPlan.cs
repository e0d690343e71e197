using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// The nodes a command executes and the order constraints between them: the selected, executable nodes (ephemeral
/// models are compiled into their children, never run) with edges kept through unselected nodes as dbt's subset
/// graph keeps them. For <c>build</c>, a test also precedes every node downstream of all the nodes it tests (dbt's
/// "test edges"), so a failing test skips what is built on the data it checked.
/// </summary>
internal sealed partial class ExecutionPlan
{
    private ExecutionPlan(IReadOnlyList<Node> order, Dictionary<string, List<string>> parents, Dictionary<string, List<string>> children)
    {
        Order = order;
        Parents = parents;
        Children = children;
    }

    /// <summary>The plan's nodes in a topological order (deterministic; tests right after what they test).</summary>
    public IReadOnlyList<Node> Order { get; }

    /// <summary>Plan node id -> plan node ids it waits for.</summary>
    public Dictionary<string, List<string>> Parents { get; }

    /// <summary>Plan node id -> plan node ids waiting for it.</summary>
    public Dictionary<string, List<string>> Children { get; }

    public static ExecutionPlan Create(Manifest manifest, IReadOnlyCollection<string> selected, DbtCommandKind command)
    {
        var fullParents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values)
        {
            fullParents[node.UniqueId] = node.DependsOnNodes.Distinct(StringComparer.Ordinal).ToList();
        }

        if (command == DbtCommandKind.Build)
        {
            AddUnitTestEdges(manifest, fullParents);
            AddTestEdges(manifest, fullParents);
        }

        var inPlan = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in selected)
        {
            if (manifest.Nodes.TryGetValue(id, out var node) && IsExecutedBy(node, command))
            {
                inPlan.Add(id);
            }
        }

        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in inPlan)
        {
            parents[id] = NearestPlanAncestors(id, fullParents, inPlan);
            children[id] = [];
        }

        foreach (var (id, ids) in parents)
        {
            foreach (var parent in ids)
            {
                children[parent].Add(id);
            }
        }

        var manifestOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in manifest.Nodes.Keys)
        {
            manifestOrder[id] = manifestOrder.Count;
        }

        var order = TopologicalOrder(manifest, inPlan, parents, children, manifestOrder);
        return new ExecutionPlan(order, parents, children);
    }

    /// <summary>Whether a command runs a node of this kind (ephemeral models and disabled nodes never run).</summary>
    public static bool IsExecutedBy(Node node, DbtCommandKind command)
    {
        if (!node.Config.Enabled || node.IsEphemeral)
        {
            return false;
        }

        return command switch
        {
            DbtCommandKind.Build => node.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot or ResourceType.Test or ResourceType.UnitTest,
            DbtCommandKind.Snapshot => node.ResourceType == ResourceType.Snapshot,
            DbtCommandKind.Run => node.ResourceType == ResourceType.Model,
            DbtCommandKind.Test => node.ResourceType is ResourceType.Test or ResourceType.UnitTest,
            DbtCommandKind.Seed => node.ResourceType == ResourceType.Seed,
            DbtCommandKind.Compile => node.ResourceType is ResourceType.Model or ResourceType.Snapshot or ResourceType.Analysis or ResourceType.Test,
            _ => false,
        };
    }

    private static List<string> NearestPlanAncestors(string id, Dictionary<string, List<string>> fullParents, HashSet<string> inPlan)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { id };
        var stack = new Stack<string>(fullParents.GetValueOrDefault(id) ?? []);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            if (inPlan.Contains(current))
            {
                result.Add(current);
                continue;
            }

            foreach (var parent in fullParents.GetValueOrDefault(current) ?? [])
            {
                stack.Push(parent);
            }
        }

        result.Sort(StringComparer.Ordinal);
        return result;
    }

    private static List<Node> TopologicalOrder(
        Manifest manifest,
        HashSet<string> inPlan,
        Dictionary<string, List<string>> parents,
        Dictionary<string, List<string>> children,
        Dictionary<string, int> manifestOrder)
    {
        // Kahn's algorithm; among ready nodes tests go first, then manifest order: each test runs right after the
        // node it tests, and the order is the same on every run.
        var pending = inPlan.ToDictionary(id => id, id => parents[id].Count, StringComparer.Ordinal);
        var ready = new PriorityQueue<string, (int, int)>();
        foreach (var (id, count) in pending)
        {
            if (count == 0)
            {
                ready.Enqueue(id, Priority(manifest.Nodes[id], manifestOrder));
            }
        }

        var order = new List<Node>(inPlan.Count);
        while (ready.TryDequeue(out var id, out _))
        {
            order.Add(manifest.Nodes[id]);
            foreach (var child in children[id])
            {
                if (--pending[child] == 0)
                {
                    ready.Enqueue(child, Priority(manifest.Nodes[child], manifestOrder));
                }
            }
        }

        if (order.Count != inPlan.Count)
        {
            var stuck = inPlan.Where(id => pending[id] > 0).Order(StringComparer.Ordinal).Take(5);
            throw new InvalidOperationException("the graph has a cycle through: " + string.Join(", ", stuck));
        }

        return order;
    }

    internal static (int, int) Priority(Node node, Dictionary<string, int> manifestOrder) =>
        (node.ResourceType == ResourceType.Test ? 0 : 1, manifestOrder.GetValueOrDefault(node.UniqueId));
}
