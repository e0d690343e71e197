namespace Wellhouse.Transform.Graph;

/// <summary>
/// The DAG over a manifest's nodes, sources and exposures: parents and children by unique id, a deterministic topological order
/// (Kahn's algorithm, ties broken by unique id) and, when the graph is not acyclic, one cycle as a path.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<string, List<string>> parents;
    private readonly Dictionary<string, List<string>> children;

    private DependencyGraph(Dictionary<string, List<string>> parents, Dictionary<string, List<string>> children, List<string> order, IReadOnlyList<string>? cycle)
    {
        this.parents = parents;
        this.children = children;
        TopologicalOrder = order;
        Cycle = cycle;
    }

    /// <summary>Every node and source, parents before children (nodes on a cycle are left out).</summary>
    public IReadOnlyList<string> TopologicalOrder { get; }

    /// <summary>A cycle as a closed path <c>a, b, a</c>; null when the graph is acyclic.</summary>
    public IReadOnlyList<string>? Cycle { get; }

    public IReadOnlyCollection<string> Vertices => parents.Keys;

    public static DependencyGraph Build(Manifest manifest)
    {
        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var children = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var id in manifest.Sources.Keys)
        {
            parents[id] = [];
            children[id] = [];
        }

        foreach (var id in manifest.Nodes.Keys.Concat(manifest.Exposures.Keys).Concat(manifest.SemanticResources.Select(r => r.UniqueId)))
        {
            parents[id] = [];
            children[id] = [];
        }

        var others = manifest.Exposures.Values.Select(e => (e.UniqueId, (IReadOnlyList<string>)e.DependsOnNodes))
            .Concat(manifest.SemanticResources.Select(r => (r.UniqueId, (IReadOnlyList<string>)r.DependsOnNodes)));
        foreach (var (id, dependsOn) in others)
        {
            foreach (var parent in dependsOn.Distinct(StringComparer.Ordinal))
            {
                if (children.TryGetValue(parent, out var list))
                {
                    list.Add(id);
                    parents[id].Add(parent);
                }
            }
        }

        foreach (var node in manifest.Nodes.Values)
        {
            foreach (var parent in node.DependsOnNodes.Distinct(StringComparer.Ordinal))
            {
                if (children.TryGetValue(parent, out var list))
                {
                    list.Add(node.UniqueId);
                    parents[node.UniqueId].Add(parent);
                }
            }
        }

        foreach (var list in parents.Values.Concat(children.Values))
        {
            list.Sort(StringComparer.Ordinal);
        }

        var order = Sort(parents, children);
        var cycle = order.Count == parents.Count ? null : FindCycle(parents, order);
        return new DependencyGraph(parents, children, order, cycle);
    }

    public IReadOnlyList<string> Parents(string id) => parents.TryGetValue(id, out var list) ? list : [];

    public IReadOnlyList<string> Children(string id) => children.TryGetValue(id, out var list) ? list : [];

    public bool Contains(string id) => parents.ContainsKey(id);

    /// <summary>Ancestors of <paramref name="id"/> up to <paramref name="depth"/> generations (null: all).</summary>
    public HashSet<string> Ancestors(string id, int? depth = null) => Walk(id, depth, parents);

    public HashSet<string> Descendants(string id, int? depth = null) => Walk(id, depth, children);

    private static HashSet<string> Walk(string start, int? depth, Dictionary<string, List<string>> edges)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new List<string> { start };
        for (var level = 0; frontier.Count > 0 && (depth is null || level < depth); level++)
        {
            var next = new List<string>();
            foreach (var id in frontier)
            {
                foreach (var other in edges.GetValueOrDefault(id) ?? [])
                {
                    if (seen.Add(other))
                    {
                        next.Add(other);
                    }
                }
            }

            frontier = next;
        }

        seen.Remove(start);
        return seen;
    }

    private static List<string> Sort(Dictionary<string, List<string>> parents, Dictionary<string, List<string>> children)
    {
        var remaining = parents.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);
        var ready = new PriorityQueue<string, string>(StringComparer.Ordinal);
        foreach (var (id, count) in remaining)
        {
            if (count == 0)
            {
                ready.Enqueue(id, id);
            }
        }

        var order = new List<string>(parents.Count);
        while (ready.TryDequeue(out var id, out _))
        {
            order.Add(id);
            foreach (var child in children[id])
            {
                if (--remaining[child] == 0)
                {
                    ready.Enqueue(child, child);
                }
            }
        }

        return order;
    }

    private static List<string> FindCycle(Dictionary<string, List<string>> parents, List<string> sorted)
    {
        var done = new HashSet<string>(sorted, StringComparer.Ordinal);
        var start = parents.Keys.Where(k => !done.Contains(k)).Order(StringComparer.Ordinal).First();

        // Follow unsorted parents until a vertex repeats: every unsorted vertex has an unsorted parent.
        var path = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var current = start;
        while (!index.ContainsKey(current))
        {
            index[current] = path.Count;
            path.Add(current);
            current = parents[current].First(p => !done.Contains(p));
        }

        // The walk went from children to parents; reverse it so each vertex feeds the next, and start at the smallest id.
        var cycle = path.Skip(index[current]).ToList();
        cycle.Reverse();
        var first = cycle.IndexOf(cycle.Order(StringComparer.Ordinal).First());
        cycle = [.. cycle.Skip(first), .. cycle.Take(first)];
        cycle.Add(cycle[0]);
        return cycle;
    }
}
