using System.Globalization;
using System.Text.RegularExpressions;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// One selection criterion, as dbt's node selection syntax writes it (dbt docs: "Graph operators", "Node selector
/// methods"): <c>[@][n+]method:value[+n]</c>; a bare value is a path when it looks like one, else an fqn/name.
/// </summary>
internal sealed partial record SelectionTerm(string Method, string? MethodArgument, string Value, bool ChildrenOfParents, int? ParentDepth, bool Parents, int? ChildDepth, bool Children)
{
    private static readonly HashSet<string> Methods = new(StringComparer.Ordinal)
    {
        "fqn", "tag", "path", "file", "config", "resource_type", "source", "exposure", "test_type", "package", "test_name", "state", "result",
        "version", "group", "access", "metric", "semantic_model", "saved_query",
    };

    [GeneratedRegex(@"^(?<childrens_parents>@)?(?<parents>(?<parent_depth>\d*)\+)?(?<body>[^+@]+?)(?<children>\+(?<child_depth>\d*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex TermPattern();

    public static bool TryParse(string text, out SelectionTerm term, out string error)
    {
        term = default!;
        error = string.Empty;
        var match = TermPattern().Match(text);
        if (!match.Success)
        {
            error = $"invalid selector '{text}'";
            return false;
        }

        var body = match.Groups["body"].Value;
        var method = "fqn";
        string? argument = null;
        var value = body;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var fullMethod = body[..colon];
            value = body[(colon + 1)..];
            var dot = fullMethod.IndexOf('.', StringComparison.Ordinal);
            method = dot >= 0 ? fullMethod[..dot] : fullMethod;
            argument = dot >= 0 ? fullMethod[(dot + 1)..] : null;
            if (!Methods.Contains(method))
            {
                error = $"unknown selector method '{fullMethod}' in '{text}'";
                return false;
            }

            if (method == "version" && value is not ("latest" or "prerelease" or "old" or "none"))
            {
                error = $"Invalid version type selector {value}: expected one of: \"latest\", \"prerelease\", \"old\", or \"none\" ('{text}')";
                return false;
            }

            if (method == "config" && string.IsNullOrEmpty(argument))
            {
                error = $"'config' selector needs a key, as in config.materialized:table ('{text}')";
                return false;
            }
        }
        else if (LooksLikePath(body))
        {
            method = "path";
        }

        if (value.Length == 0)
        {
            error = $"selector '{text}' has no value";
            return false;
        }

        var childrenOfParents = match.Groups["childrens_parents"].Success;
        var parents = match.Groups["parents"].Success;
        var children = match.Groups["children"].Success;
        if (childrenOfParents && parents)
        {
            error = $"'@' cannot be combined with a '+' prefix in '{text}'";
            return false;
        }

        term = new SelectionTerm(
            method,
            argument,
            value,
            childrenOfParents,
            Depth(match.Groups["parent_depth"].Value),
            parents,
            Depth(match.Groups["child_depth"].Value),
            children);
        return true;
    }

    private static int? Depth(string text) => text.Length == 0 ? null : int.Parse(text, CultureInfo.InvariantCulture);

    private static bool LooksLikePath(string body) =>
        body.Contains('/', StringComparison.Ordinal) || body.Contains('\\', StringComparison.Ordinal) ||
        body.EndsWith(".sql", StringComparison.Ordinal) || body.EndsWith(".csv", StringComparison.Ordinal) ||
        body.EndsWith(".yml", StringComparison.Ordinal);
}
