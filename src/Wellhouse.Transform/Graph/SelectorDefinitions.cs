using System.Globalization;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>One selector of selectors.yml: its name, YAML definition, whether it is the default, where it is written.</summary>
public sealed record YamlSelector(string Name, object? Definition, bool IsDefault, SourceSpan Span, string Description = "");

/// <summary>
/// Evaluates selectors.yml definitions (dbt docs: "YAML selectors"): a string in the command line's syntax; a
/// <c>method</c>/<c>value</c> mapping with <c>parents</c>, <c>children</c>, <c>parents_depth</c>, <c>children_depth</c>,
/// <c>childrens_parents</c>; <c>union</c> and <c>intersection</c> lists, in which an <c>exclude</c> item is taken away
/// from the result; <c>method: selector</c> to use another selector; a method's <c>indirect_selection</c> (eager,
/// cautious, buildable, empty) wins over the command line's. Errors name the selector and where it is.
/// </summary>
internal sealed class SelectorDefinitions(
    IReadOnlyDictionary<string, YamlSelector> selectors,
    Func<IReadOnlyList<string>, string, NodeSelector.Selection> evaluateTerms,
    Func<IReadOnlyList<NodeSelector.Selection>, Func<List<HashSet<string>>, HashSet<string>>, string, NodeSelector.Selection> combine,
    Func<HashSet<string>, NodeSelector.Selection> all,
    IEnumerable<string> allNodes,
    string mode)
{
    private readonly HashSet<string> evaluating = new(StringComparer.Ordinal);

    public NodeSelector.Selection Evaluate(string name)
    {
        if (!selectors.TryGetValue(name, out var selector))
        {
            var known = selectors.Count == 0 ? "selectors.yml defines none" : "known: " + string.Join(", ", selectors.Keys.Order(StringComparer.Ordinal));
            throw new SelectorException(new Diagnostic(DiagnosticSeverity.Error, "DBT203", $"no selector named '{name}' ({known})", new SourceSpan("--selector", 0, 0)));
        }

        if (!evaluating.Add(name))
        {
            throw Error(selector, $"selector '{name}' uses itself (through method: selector)");
        }

        try
        {
            return Definition(selector, selector.Definition);
        }
        finally
        {
            evaluating.Remove(name);
        }
    }

    private NodeSelector.Selection Definition(YamlSelector selector, object? definition)
    {
        switch (definition)
        {
            case string text:
                return Terms(selector, text, mode);
            case Dictionary<string, object?> map when map.TryGetValue("union", out var union):
                return Combine(selector, union, intersect: false);
            case Dictionary<string, object?> map when map.TryGetValue("intersection", out var intersection):
                return Combine(selector, intersection, intersect: true);
            case Dictionary<string, object?> map when map.ContainsKey("method"):
                return Method(selector, map);
            default:
                throw Error(selector, "a definition is a selection string, a mapping with method and value, or a union or intersection list");
        }
    }

    private NodeSelector.Selection Combine(YamlSelector selector, object? items, bool intersect)
    {
        if (items is not List<object?> list)
        {
            throw Error(selector, (intersect ? "intersection" : "union") + " must be a list");
        }

        var parts = new List<NodeSelector.Selection>();
        var excluded = new List<NodeSelector.Selection>();
        foreach (var item in list)
        {
            if (item is Dictionary<string, object?> map && map.TryGetValue("exclude", out var exclude))
            {
                excluded.Add(exclude is List<object?> excludes ? Combine(selector, excludes, intersect: false) : Definition(selector, exclude));
                continue;
            }

            parts.Add(Definition(selector, item));
        }

        // A union of excludes only takes away from everything (dbt: "exclude" alone selects all but those).
        var result = parts.Count == 0 ? all([.. allNodes]) : combine(parts, intersect ? NodeSelector.Intersection : NodeSelector.Union, mode);
        return excluded.Count == 0 ? result : combine([result, combine(excluded, NodeSelector.Union, mode)], NodeSelector.Difference, mode);
    }

    private NodeSelector.Selection Method(YamlSelector selector, Dictionary<string, object?> map)
    {
        var method = Convert.ToString(map["method"], CultureInfo.InvariantCulture) ?? string.Empty;
        var value = Convert.ToString(map.GetValueOrDefault("value"), CultureInfo.InvariantCulture) ?? string.Empty;
        if (method == "selector")
        {
            return Evaluate(value);
        }

        var term = (method is "fqn" ? string.Empty : method + ":") + value;
        if (map.GetValueOrDefault("childrens_parents") is true)
        {
            term = "@" + term;
        }
        else
        {
            if (map.GetValueOrDefault("parents") is true)
            {
                term = (map.GetValueOrDefault("parents_depth") is long up ? up.ToString(CultureInfo.InvariantCulture) : string.Empty) + "+" + term;
            }

            if (map.GetValueOrDefault("children") is true)
            {
                term += "+" + (map.GetValueOrDefault("children_depth") is long down ? down.ToString(CultureInfo.InvariantCulture) : string.Empty);
            }
        }

        var termMode = mode;
        if (map.TryGetValue("indirect_selection", out var indirect))
        {
            termMode = indirect as string ?? string.Empty;
            if (!NodeSelector.IndirectSelectionModes.Contains(termMode))
            {
                throw Error(selector, $"indirect_selection '{PythonRepr.Str(indirect)}' is not one of eager, cautious, buildable, empty");
            }
        }

        return Terms(selector, term, termMode);
    }

    private NodeSelector.Selection Terms(YamlSelector selector, string terms, string termMode)
    {
        try
        {
            return evaluateTerms([terms], termMode);
        }
        catch (SelectorException ex)
        {
            throw Error(selector, ex.Diagnostic.Message);
        }
    }

    private static SelectorException Error(YamlSelector selector, string message) =>
        new(new Diagnostic(DiagnosticSeverity.Error, "DBT203", $"selector '{selector.Name}': {message}", selector.Span));
}
