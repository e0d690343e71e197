using System.Globalization;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>One selector of selectors.yml: its name, YAML definition, whether it is the default, where it is written.</summary>
public sealed record YamlSelector(string Name, object? Definition, bool IsDefault, SourceSpan Span, string Description = "");

/// <summary>
/// Evaluates selectors.yml definitions (dbt docs: "YAML selectors"): a string in the command line's syntax; a
/// <c>method</c>/<c>value</c> mapping with <c>parents</c>, <c>children</c>, <c>parents_depth</c>, <c>children_depth</c>,
/// <c>childrens_parents</c>; <c>union</c> and <c>intersection</c> lists, in which an <c>exclude</c> item is taken away
/// from the result; <c>method: selector</c> to use another selector. Errors name the selector and where it is.
/// </summary>
internal sealed class SelectorDefinitions(IReadOnlyDictionary<string, YamlSelector> selectors, Func<IReadOnlyList<string>, HashSet<string>> evaluateTerms, IEnumerable<string> allNodes)
{
    private readonly HashSet<string> evaluating = new(StringComparer.Ordinal);

    public HashSet<string> Evaluate(string name)
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

    private HashSet<string> Definition(YamlSelector selector, object? definition)
    {
        switch (definition)
        {
            case string text:
                return evaluateTerms([text]);
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

    private HashSet<string> Combine(YamlSelector selector, object? items, bool intersect)
    {
        if (items is not List<object?> list)
        {
            throw Error(selector, (intersect ? "intersection" : "union") + " must be a list");
        }

        HashSet<string>? result = null;
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list)
        {
            if (item is Dictionary<string, object?> map && map.TryGetValue("exclude", out var exclude))
            {
                excluded.UnionWith(exclude is List<object?> parts ? Combine(selector, parts, intersect: false) : Definition(selector, exclude));
                continue;
            }

            var part = Definition(selector, item);
            if (result is null)
            {
                result = part;
            }
            else if (intersect)
            {
                result.IntersectWith(part);
            }
            else
            {
                result.UnionWith(part);
            }
        }

        // A union of excludes only takes away from everything (dbt: "exclude" alone selects all but those).
        result ??= [.. allNodes];
        result.ExceptWith(excluded);
        return result;
    }

    private HashSet<string> Method(YamlSelector selector, Dictionary<string, object?> map)
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

        try
        {
            return evaluateTerms([term]);
        }
        catch (SelectorException ex)
        {
            throw Error(selector, ex.Diagnostic.Message);
        }
    }

    private static SelectorException Error(YamlSelector selector, string message) =>
        new(new Diagnostic(DiagnosticSeverity.Error, "DBT203", $"selector '{selector.Name}': {message}", selector.Span));
}
