using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Reads a YAML file into YamlDotNet's representation model (which keeps line and column of every node) and turns
/// nodes into plain values as PyYAML's <c>safe_load</c> (YAML 1.1, what dbt uses) would: plain scalars true/false/yes/no/
/// on/off are booleans, null/~/empty are null, integers are long, floats double; quoted scalars stay strings.
/// </summary>
internal static class YamlFile
{
    /// <summary>Parses <paramref name="text"/>; on a syntax error reports DBT100 at the error's position and returns null.</summary>
    public static YamlMappingNode? ParseMapping(string text, string relativePath, DiagnosticBag diagnostics, bool allowEmpty = true)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException is YamlException inner ? inner.Message : ex.Message;
            var mark = ex.InnerException is YamlException innerMark ? innerMark.Start : ex.Start;
            diagnostics.Error(DiagnosticCodes.YamlSyntax, "invalid YAML: " + CleanMessage(message), new SourceSpan(relativePath, (int)mark.Line, (int)mark.Column));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return allowEmpty ? new YamlMappingNode() : null;
        }

        if (stream.Documents[0].RootNode is YamlMappingNode mapping)
        {
            return mapping;
        }

        diagnostics.Error(DiagnosticCodes.InvalidValue, "expected a mapping at the top of the file", SpanOf(stream.Documents[0].RootNode, relativePath));
        return null;
    }

    public static SourceSpan SpanOf(YamlNode node, string relativePath) => new(relativePath, (int)node.Start.Line, (int)node.Start.Column);

    public static string? ScalarText(YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value : null;

    public static YamlNode? Get(YamlMappingNode mapping, string key)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return v;
            }
        }

        return null;
    }

    public static IEnumerable<(string Key, YamlScalarNode KeyNode, YamlNode Value)> Entries(YamlMappingNode mapping)
    {
        foreach (var (k, v) in mapping.Children)
        {
            if (k is YamlScalarNode { Value: { } name } scalar)
            {
                yield return (name, scalar, v);
            }
        }
    }

    /// <summary>A plain value: null, bool, long, double, string, List&lt;object?&gt;, Dictionary&lt;string, object?&gt;.</summary>
    public static object? ToValue(YamlNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return ScalarValue(scalar);
            case YamlSequenceNode sequence:
                return sequence.Children.Select(ToValue).ToList();
            case YamlMappingNode mapping:
                var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in mapping.Children)
                {
                    var key = k is YamlScalarNode ks ? ks.Value ?? "None" : k.ToString();
                    dict[key] = ToValue(v);
                }

                return dict;
            default:
                return null;
        }
    }

    public static object? ScalarValue(YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return text ?? string.Empty;
        }

        if (text is null or "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        switch (text)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return false;
        }

        var clean = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (IsInteger(clean) && long.TryParse(clean, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return l;
        }

        if (IsFloat(clean) && double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            return d;
        }

        return text switch
        {
            ".inf" or ".Inf" or ".INF" or "+.inf" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ => text,
        };
    }

    private static bool IsInteger(string text)
    {
        var start = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
        if (start >= text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFloat(string text)
    {
        // YAML 1.1 floats need a dot: [-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?
        if (!text.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+'))
            {
                return false;
            }
        }

        return text.Any(char.IsAsciiDigit);
    }

    private static string CleanMessage(string message)
    {
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith('(') ? message[(index + 3)..] : message;
    }
}
