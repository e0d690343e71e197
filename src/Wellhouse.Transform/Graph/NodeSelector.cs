using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// dbt's node selection: each <c>--select</c> argument may hold several space-separated terms (union); a term may be
/// comma-separated criteria (intersection); <c>--exclude</c> removes nodes; then tests whose parents include a
/// selected node are added (indirect selection "eager", dbt's default). An empty selection means every node.
/// </summary>
public static partial class NodeSelector
{
    /// <summary>
    /// Selects unique ids of nodes (never sources). Throws <see cref="SelectorException"/> on bad syntax.
    /// <paramref name="state"/> is the <c>--state</c> folder's artifacts, for the <c>state:</c> and <c>result:</c> methods.
    /// </summary>
    public static IReadOnlyCollection<string> Select(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> select, IReadOnlyList<string> exclude, IReadOnlyCollection<string>? resourceTypes = null, PreviousState? state = null)
    {
        var candidates = manifest.Nodes.Keys.ToHashSet(StringComparer.Ordinal);
        var direct = select.Count == 0 || select.All(string.IsNullOrWhiteSpace) ? new HashSet<string>(candidates, StringComparer.Ordinal) : Evaluate(manifest, graph, select, state);
        var excluded = exclude.Count == 0 ? [] : Evaluate(manifest, graph, exclude, state);
        return Finish(manifest, graph, direct, excluded, resourceTypes);
    }

    /// <summary>The selection of a named selector of selectors.yml (<c>--selector</c>).</summary>
    public static IReadOnlyCollection<string> SelectNamed(Manifest manifest, DependencyGraph graph, IReadOnlyDictionary<string, YamlSelector> selectors, string name, IReadOnlyCollection<string>? resourceTypes = null, PreviousState? state = null)
    {
        var direct = new SelectorDefinitions(selectors, (terms) => Evaluate(manifest, graph, terms, state), manifest.Nodes.Keys).Evaluate(name);
        return Finish(manifest, graph, direct, [], resourceTypes);
    }

    /// <summary>Indirect selection, resource types and graph order over the directly selected nodes.</summary>
    private static List<string> Finish(Manifest manifest, DependencyGraph graph, HashSet<string> direct, HashSet<string> excluded, IReadOnlyCollection<string>? resourceTypes)
    {
        var candidates = manifest.Nodes.Keys.ToHashSet(StringComparer.Ordinal);
        direct.ExceptWith(excluded);
        direct.IntersectWith(candidates);

        // Indirect selection (eager): tests that depend on any selected node.
        var result = new HashSet<string>(direct, StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values)
        {
            if (node.ResourceType is ResourceType.Test or ResourceType.UnitTest && !excluded.Contains(node.UniqueId) && node.DependsOnNodes.Any(direct.Contains))
            {
                result.Add(node.UniqueId);
            }
        }

        if (resourceTypes is { Count: > 0 })
        {
            result.RemoveWhere(id => !resourceTypes.Contains(manifest.Nodes[id].ResourceType.ToDbtString()));
        }

        return graph.TopologicalOrder.Where(result.Contains).Concat(result.Where(id => !graph.Contains(id))).ToList();
    }

    /// <summary>The <c>--select</c> terms that match no node on their own: dbt warns "The selection criterion ... does
    /// not match any enabled nodes" for each. Call after a successful selection (a bad term throws).</summary>
    public static IReadOnlyList<string> UnmatchedCriteria(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> select, PreviousState? state = null) =>
        [.. select.SelectMany(argument => argument.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .Where(term => Evaluate(manifest, graph, [term], state).Count == 0)];

    /// <summary>Like <see cref="Select"/>, returning the syntax error as a diagnostic instead of throwing.</summary>
    public static IReadOnlyCollection<string>? TrySelect(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> select, IReadOnlyList<string> exclude, out Diagnostic? diagnostic, IReadOnlyCollection<string>? resourceTypes = null, PreviousState? state = null)
    {
        try
        {
            diagnostic = null;
            return Select(manifest, graph, select, exclude, resourceTypes, state);
        }
        catch (SelectorException ex)
        {
            diagnostic = ex.Diagnostic;
            return null;
        }
    }

    private static HashSet<string> Evaluate(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> arguments, PreviousState? state)
    {
        StateComparer? comparer = null;
        var union = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            foreach (var term in argument.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                HashSet<string>? intersection = null;
                foreach (var part in term.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!SelectionTerm.TryParse(part, out var parsed, out var error))
                    {
                        throw new SelectorException(new Diagnostic(DiagnosticSeverity.Error, "DBT203", error, new SourceSpan("--select", 0, 0)));
                    }

                    var matched = Expand(graph, parsed, parsed.Method is "state" or "result" ? MatchState(manifest, parsed, state, ref comparer) : Match(manifest, parsed));
                    if (intersection is null)
                    {
                        intersection = matched;
                    }
                    else
                    {
                        intersection.IntersectWith(matched);
                    }
                }

                union.UnionWith(intersection ?? []);
            }
        }

        return union;
    }

    private static HashSet<string> Expand(DependencyGraph graph, SelectionTerm term, HashSet<string> matched)
    {
        var result = new HashSet<string>(matched, StringComparer.Ordinal);
        foreach (var id in matched)
        {
            if (term.Parents)
            {
                result.UnionWith(graph.Ancestors(id, term.ParentDepth));
            }

            if (term.Children || term.ChildrenOfParents)
            {
                var descendants = graph.Descendants(id, term.ChildrenOfParents ? null : term.ChildDepth);
                result.UnionWith(descendants);
                if (term.ChildrenOfParents)
                {
                    result.UnionWith(graph.Ancestors(id));
                    foreach (var descendant in descendants)
                    {
                        result.UnionWith(graph.Ancestors(descendant));
                    }
                }
            }
        }

        return result;
    }
}

/// <summary>A selection argument that cannot be parsed; <see cref="Diagnostic"/> says why.</summary>
public sealed class SelectorException : Exception
{
    public SelectorException(Diagnostic diagnostic)
        : base(diagnostic.Message) => Diagnostic = diagnostic;

    public SelectorException()
        : this(new Diagnostic(DiagnosticSeverity.Error, "DBT203", "invalid selector", SourceSpan.None))
    {
    }

    public SelectorException(string message)
        : this(new Diagnostic(DiagnosticSeverity.Error, "DBT203", message, SourceSpan.None))
    {
    }

    public SelectorException(string message, Exception innerException)
        : base(message, innerException) => Diagnostic = new Diagnostic(DiagnosticSeverity.Error, "DBT203", message, SourceSpan.None);

    public Diagnostic Diagnostic { get; }
}
