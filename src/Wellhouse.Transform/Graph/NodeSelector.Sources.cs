namespace Wellhouse.Transform.Graph;

/// <summary>Selection of sources, for <c>source freshness</c> (dbt: <c>-s source:raw+</c> selects sources and nodes; only the sources count there).</summary>
public static partial class NodeSelector
{
    /// <summary>The unique ids of the selected sources, ordered by id; an empty selection means every source.</summary>
    public static IReadOnlyList<string> SelectSources(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> select, IReadOnlyList<string> exclude, PreviousState? state = null)
    {
        var chosen = select.Count == 0 || select.All(string.IsNullOrWhiteSpace)
            ? manifest.Sources.Keys.ToHashSet(StringComparer.Ordinal)
            : Evaluate(manifest, graph, select, state, Empty).Direct;
        if (exclude.Count > 0)
        {
            chosen.ExceptWith(Evaluate(manifest, graph, exclude, state, Empty).Direct);
        }

        return [.. chosen.Where(manifest.Sources.ContainsKey).Order(StringComparer.Ordinal)];
    }
}
