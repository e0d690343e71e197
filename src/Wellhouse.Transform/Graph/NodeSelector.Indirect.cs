using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// Indirect selection as dbt-core's <c>NodeSelector.expand_selection</c> and <c>incorporate_indirect_nodes</c> do it
/// (dbt docs "Test selection examples"): each criterion adds the tests (and unit tests) of what it selects, by mode:
/// <c>eager</c> a test with any parent selected; <c>cautious</c> only one whose parents are all selected;
/// <c>buildable</c> also one whose parents are selected nodes or their ancestors; <c>empty</c> none. Tests held back
/// by cautious or buildable are taken in after unions, intersections and exclusions if their parents are then there.
/// </summary>
public static partial class NodeSelector
{
    public const string Eager = "eager";
    public const string Cautious = "cautious";
    public const string Buildable = "buildable";
    public const string Empty = "empty";

    /// <summary>The indirect selection modes dbt knows.</summary>
    public static readonly IReadOnlyList<string> IndirectSelectionModes = [Eager, Cautious, Buildable, Empty];

    /// <summary>A selection: what is selected, and the tests held back until their other parents show up.</summary>
    internal sealed record Selection(HashSet<string> Direct, HashSet<string> Indirect);

    internal static readonly Func<List<HashSet<string>>, HashSet<string>> Union = sets => sets.Skip(1).Aggregate(new HashSet<string>(sets[0], StringComparer.Ordinal), (all, next) => { all.UnionWith(next); return all; });

    internal static readonly Func<List<HashSet<string>>, HashSet<string>> Intersection = sets => sets.Skip(1).Aggregate(new HashSet<string>(sets[0], StringComparer.Ordinal), (all, next) => { all.IntersectWith(next); return all; });

    internal static readonly Func<List<HashSet<string>>, HashSet<string>> Difference = sets => sets.Skip(1).Aggregate(new HashSet<string>(sets[0], StringComparer.Ordinal), (all, next) => { all.ExceptWith(next); return all; });

    /// <summary>The mode, or DBT203 naming where it was given.</summary>
    internal static string CheckMode(string mode, SourceSpan where) =>
        IndirectSelectionModes.Contains(mode)
            ? mode
            : throw new SelectorException(new Diagnostic(DiagnosticSeverity.Error, "DBT203", $"'{mode}' is not a valid indirect selection: expected one of eager, cautious, buildable, empty", where));

    /// <summary>dbt's <c>expand_selection</c> for one criterion's matches.</summary>
    internal static Selection Criterion(Manifest manifest, DependencyGraph graph, HashSet<string> matched, string mode)
    {
        var direct = new HashSet<string>(matched, StringComparer.Ordinal);
        var indirect = new HashSet<string>(StringComparer.Ordinal);
        if (mode == Empty)
        {
            return new Selection(direct, indirect);
        }

        var selectedAndParents = mode == Buildable ? WithAncestors(manifest, graph, matched) : null;
        foreach (var node in manifest.Nodes.Values)
        {
            if (node.ResourceType is not (ResourceType.Test or ResourceType.UnitTest) || direct.Contains(node.UniqueId) || !node.DependsOnNodes.Any(matched.Contains))
            {
                continue;
            }

            if (mode == Eager || node.DependsOnNodes.All(matched.Contains) || (selectedAndParents is not null && node.DependsOnNodes.All(selectedAndParents.Contains)))
            {
                direct.Add(node.UniqueId);
            }
            else
            {
                indirect.Add(node.UniqueId);
            }
        }

        return new Selection(direct, indirect);
    }

    /// <summary>dbt's composite selection: directs combined, held-back tests combined with them, then incorporated.</summary>
    internal static Selection Combine(Manifest manifest, DependencyGraph graph, IReadOnlyList<Selection> parts, Func<List<HashSet<string>>, HashSet<string>> combine, string mode)
    {
        var direct = combine([.. parts.Select(p => p.Direct)]);
        var indirect = combine([.. parts.Select(p => new HashSet<string>(p.Direct.Concat(p.Indirect), StringComparer.Ordinal))]);
        if (mode is Cautious or Buildable && !direct.SetEquals(indirect))
        {
            var allowed = mode == Buildable ? WithAncestors(manifest, graph, direct) : direct;
            foreach (var id in indirect.Where(id => !direct.Contains(id)).ToList())
            {
                if (manifest.Nodes.TryGetValue(id, out var node) && node.DependsOnNodes.All(allowed.Contains))
                {
                    direct.Add(id);
                }
            }
        }

        return new Selection(direct, indirect);
    }

    /// <summary>The nodes, their ancestors and every source (dbt's <c>selected_and_parents</c> for buildable).</summary>
    private static HashSet<string> WithAncestors(Manifest manifest, DependencyGraph graph, HashSet<string> selected)
    {
        var result = new HashSet<string>(selected, StringComparer.Ordinal);
        foreach (var id in selected.Where(graph.Contains))
        {
            result.UnionWith(graph.Ancestors(id));
        }

        result.UnionWith(manifest.Sources.Keys);
        return result;
    }
}
