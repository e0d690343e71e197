using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// dbt's node selection: each <c>--select</c> argument may hold several space-separated terms (union); a term may be
/// comma-separated criteria (intersection); <c>--exclude</c> removes nodes; tests are added by indirect selection
/// (see NodeSelector.Indirect.cs; dbt's default "eager"). An empty selection means every node.
/// </summary>
public static partial class NodeSelector
{
    /// <summary>
    /// Selects unique ids of nodes (never sources). Throws <see cref="SelectorException"/> on bad syntax.
    /// <paramref name="state"/> is the <c>--state</c> folder's artifacts, for the <c>state:</c> and <c>result:</c> methods;
    /// <paramref name="indirectSelection"/> is <c>--indirect-selection</c> (eager, cautious, buildable or empty).
    /// </summary>
    public static IReadOnlyCollection<string> Select(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> select, IReadOnlyList<string> exclude, IReadOnlyCollection<string>? resourceTypes = null, PreviousState? state = null, string indirectSelection = Eager, bool withNoOps = false)
    {
        var mode = CheckMode(indirectSelection, new SourceSpan("--indirect-selection", 0, 0));
        var everything = manifest.Nodes.Keys.Concat(withNoOps ? NoOpIds(manifest) : []).ToHashSet(StringComparer.Ordinal);
        var selection = select.Count == 0 || select.All(string.IsNullOrWhiteSpace)
            ? Criterion(manifest, graph, everything, mode)
            : Evaluate(manifest, graph, select, state, mode);
        if (exclude.Count > 0)
        {
            selection = Combine(manifest, graph, [selection, Evaluate(manifest, graph, exclude, state, mode)], Difference, mode);
        }

        return Finish(manifest, graph, selection.Direct, resourceTypes, withNoOps);
    }

    /// <summary>The exposures and saved queries, which <c>build</c> selects too (dbt 1.10 lists them as no-ops).</summary>
    private static IEnumerable<string> NoOpIds(Manifest manifest) => manifest.Exposures.Keys.Concat(manifest.SavedQueries.Keys);

    /// <summary>The selection of a named selector of selectors.yml (<c>--selector</c>); a definition's own
    /// <c>indirect_selection</c> wins over <paramref name="indirectSelection"/>.</summary>
    public static IReadOnlyCollection<string> SelectNamed(Manifest manifest, DependencyGraph graph, IReadOnlyDictionary<string, YamlSelector> selectors, string name, IReadOnlyCollection<string>? resourceTypes = null, PreviousState? state = null, string indirectSelection = Eager, bool withNoOps = false)
    {
        var mode = CheckMode(indirectSelection, new SourceSpan("--indirect-selection", 0, 0));
        var definitions = new SelectorDefinitions(
            selectors,
            (terms, termMode) => Evaluate(manifest, graph, terms, state, termMode),
            (parts, combine, partMode) => Combine(manifest, graph, parts, combine, partMode),
            ids => Criterion(manifest, graph, ids, mode),
            manifest.Nodes.Keys,
            mode);
        return Finish(manifest, graph, definitions.Evaluate(name).Direct, resourceTypes, withNoOps);
    }

    /// <summary>Resource types and graph order over the selected nodes.</summary>
    private static List<string> Finish(Manifest manifest, DependencyGraph graph, HashSet<string> selected, IReadOnlyCollection<string>? resourceTypes, bool withNoOps = false)
    {
        var result = new HashSet<string>(selected.Where(id => manifest.Nodes.ContainsKey(id) || (withNoOps && (manifest.Exposures.ContainsKey(id) || manifest.SavedQueries.ContainsKey(id)))), StringComparer.Ordinal);
        if (resourceTypes is { Count: > 0 })
        {
            result.RemoveWhere(id => !resourceTypes.Contains(manifest.Nodes.TryGetValue(id, out var node) ? node.ResourceType.ToDbtString() : manifest.Exposures.ContainsKey(id) ? "exposure" : "saved_query"));
        }

        return graph.TopologicalOrder.Where(result.Contains).Concat(result.Where(id => !graph.Contains(id))).ToList();
    }

    /// <summary>The <c>--select</c> terms that match no node on their own: dbt warns "The selection criterion ... does
    /// not match any enabled nodes" for each. Call after a successful selection (a bad term throws).</summary>
    public static IReadOnlyList<string> UnmatchedCriteria(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> select, PreviousState? state = null) =>
        [.. select.SelectMany(argument => argument.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            .Where(term => Evaluate(manifest, graph, [term], state, Empty).Direct.Count == 0)];

    /// <summary>Like <see cref="Select"/>, returning the syntax error as a diagnostic instead of throwing.</summary>
    public static IReadOnlyCollection<string>? TrySelect(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> select, IReadOnlyList<string> exclude, out Diagnostic? diagnostic, IReadOnlyCollection<string>? resourceTypes = null, PreviousState? state = null, string indirectSelection = Eager, bool withNoOps = false)
    {
        try
        {
            diagnostic = null;
            return Select(manifest, graph, select, exclude, resourceTypes, state, indirectSelection, withNoOps);
        }
        catch (SelectorException ex)
        {
            diagnostic = ex.Diagnostic;
            return null;
        }
    }

    /// <summary>The command line's terms: a union of space-separated terms, each an intersection of comma-separated criteria.</summary>
    private static Selection Evaluate(Manifest manifest, DependencyGraph graph, IReadOnlyList<string> arguments, PreviousState? state, string mode)
    {
        StateComparer? comparer = null;
        var union = new List<Selection>();
        foreach (var argument in arguments)
        {
            foreach (var term in argument.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
            {
                var intersection = new List<Selection>();
                foreach (var part in term.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!SelectionTerm.TryParse(part, out var parsed, out var error))
                    {
                        throw new SelectorException(new Diagnostic(DiagnosticSeverity.Error, "DBT203", error, new SourceSpan("--select", 0, 0)));
                    }

                    var matched = Expand(graph, parsed, parsed.Method is "state" or "result" ? MatchState(manifest, parsed, state, ref comparer) : Match(manifest, parsed));
                    intersection.Add(Criterion(manifest, graph, matched, mode));
                }

                union.Add(intersection.Count == 1 ? intersection[0] : Combine(manifest, graph, intersection, Intersection, mode));
            }
        }

        return union.Count == 1 ? union[0] : Combine(manifest, graph, union, Union, mode);
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
