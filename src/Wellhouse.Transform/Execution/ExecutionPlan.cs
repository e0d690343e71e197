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
        Nodes = order.ToDictionary(n => n.UniqueId, StringComparer.Ordinal);
        Parents = parents;
        Children = children;
    }

    /// <summary>The plan's nodes in a topological order (deterministic; tests right after what they test).</summary>
    public IReadOnlyList<Node> Order { get; }

    /// <summary>The plan's nodes by id (exposures and saved queries of a build are not in the manifest's nodes).</summary>
    public IReadOnlyDictionary<string, Node> Nodes { get; }

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

        var noOps = command == DbtCommandKind.Build ? NoOpNodes(manifest) : [];
        foreach (var node in noOps.Values)
        {
            fullParents[node.UniqueId] = node.DependsOnNodes.Distinct(StringComparer.Ordinal).ToList();
        }

        // Semantic models and metrics are never run; a saved query waits for the models behind them.
        foreach (var resource in manifest.SemanticModels.Values.Concat(manifest.Metrics.Values))
        {
            fullParents[resource.UniqueId] = resource.DependsOnNodes.Distinct(StringComparer.Ordinal).ToList();
        }

        if (command == DbtCommandKind.Build)
        {
            AddUnitTestEdges(manifest, fullParents);
            AddTestEdges(manifest, fullParents);
        }

        var inPlan = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in selected)
        {
            if ((manifest.Nodes.TryGetValue(id, out var node) || noOps.TryGetValue(id, out node)) && IsExecutedBy(node, command))
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

        var order = TopologicalOrder(id => manifest.Nodes.TryGetValue(id, out var node) ? node : noOps[id], inPlan, parents, children);
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
            DbtCommandKind.Build => node.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot or ResourceType.Test or ResourceType.UnitTest or ResourceType.Exposure or ResourceType.SavedQuery,
            DbtCommandKind.Snapshot => node.ResourceType == ResourceType.Snapshot,
            DbtCommandKind.Run => node.ResourceType == ResourceType.Model,
            DbtCommandKind.Test => node.ResourceType is ResourceType.Test or ResourceType.UnitTest,
            DbtCommandKind.Seed => node.ResourceType == ResourceType.Seed,
            // dbt's compile takes every executable node: seeds too (nothing to compile, listed as successes).
            DbtCommandKind.Compile => node.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot or ResourceType.Analysis or ResourceType.Test,
            _ => false,
        };
    }

    /// <summary>Exposures and saved queries, which dbt 1.10's <c>build</c> lists as no-op results (its ExposureRunner
    /// and SavedQueryRunner), as nodes of the plan.</summary>
    private static Dictionary<string, Node> NoOpNodes(Manifest manifest)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var exposure in manifest.Exposures.Values)
        {
            nodes[exposure.UniqueId] = NoOpNode(exposure.UniqueId, ResourceType.Exposure, exposure.Name, exposure.PackageName, exposure.OriginalFilePath, exposure.DependsOnNodes);
        }

        foreach (var query in manifest.SavedQueries.Values)
        {
            nodes[query.UniqueId] = NoOpNode(query.UniqueId, ResourceType.SavedQuery, query.Name, query.PackageName, query.OriginalFilePath, query.DependsOnNodes);
        }

        return nodes;
    }

    private static Node NoOpNode(string id, ResourceType type, string name, string package, string file, IEnumerable<string> dependsOn)
    {
        var node = new Node { UniqueId = id, ResourceType = type, Name = name, PackageName = package, OriginalFilePath = file, Path = file, Fqn = [package, name], RawCode = string.Empty };
        node.DependsOnNodes.AddRange(dependsOn);
        return node;
    }

    /// <summary>Whether the node is an exposure or saved query, which <c>build</c> reports as a no-op.</summary>
    public static bool IsNoOp(Node node) => node.ResourceType is ResourceType.Exposure or ResourceType.SavedQuery;

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
        Func<string, Node> nodeOf,
        HashSet<string> inPlan,
        Dictionary<string, List<string>> parents,
        Dictionary<string, List<string>> children)
    {
        // dbt-core's GraphQueue: among ready nodes, the lowest (depth level, unique_id) goes first, the level being
        // the node's topological generation (0 for nodes waiting for nothing). So with one thread, seeds and
        // models of a level run before tests of the same level ("model." < "seed." < "test."), and a build's
        // tests of a node run before the node's children (their edges put the children a level further).
        var levels = Levels(inPlan, parents, children);
        var pending = inPlan.ToDictionary(id => id, id => parents[id].Count, StringComparer.Ordinal);
        var ready = new PriorityQueue<string, (int Level, string Id)>(LevelThenId.Instance);
        foreach (var (id, count) in pending)
        {
            if (count == 0)
            {
                ready.Enqueue(id, (levels[id], id));
            }
        }

        var order = new List<Node>(inPlan.Count);
        while (ready.TryDequeue(out var id, out _))
        {
            order.Add(nodeOf(id));
            foreach (var child in children[id])
            {
                if (--pending[child] == 0)
                {
                    ready.Enqueue(child, (levels[child], child));
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

    /// <summary>Each plan node's topological generation: 0 without parents, else one more than its deepest parent's.</summary>
    private static Dictionary<string, int> Levels(HashSet<string> inPlan, Dictionary<string, List<string>> parents, Dictionary<string, List<string>> children)
    {
        var levels = inPlan.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        var pending = inPlan.ToDictionary(id => id, id => parents[id].Count, StringComparer.Ordinal);
        var queue = new Queue<string>(pending.Where(p => p.Value == 0).Select(p => p.Key));
        while (queue.TryDequeue(out var id))
        {
            foreach (var child in children[id])
            {
                levels[child] = Math.Max(levels[child], levels[id] + 1);
                if (--pending[child] == 0)
                {
                    queue.Enqueue(child);
                }
            }
        }

        return levels;
    }

    /// <summary>Orders (level, unique_id) as Python orders the tuple: level, then the id by code point.</summary>
    private sealed class LevelThenId : IComparer<(int Level, string Id)>
    {
        public static readonly LevelThenId Instance = new();

        public int Compare((int Level, string Id) x, (int Level, string Id) y) =>
            x.Level != y.Level ? x.Level.CompareTo(y.Level) : string.CompareOrdinal(x.Id, y.Id);
    }
}
