using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// dbt renders every string of a schema-file entry at parse time (its SchemaYamlRenderer: var(), env_var(), target),
/// except what is rendered later: descriptions (docs), tests and their arguments (compile time), hooks, a metric's
/// <c>filter</c>, a saved query's <c>where</c>, <c>loaded_at_query</c>. So <c>data_type: "{{ 'integer' }}"</c> is
/// <c>integer</c>. A rendered text that is a Python literal (True, 3, None) becomes that value, as dbt renders
/// natively. Sources and unit tests are rendered where they are read (<c>ProjectParser.SourceText</c>, unit tests);
/// <c>config:</c> is rendered with its node (<c>ProjectParser.RenderConfig</c>).
/// </summary>
internal sealed partial class SchemaYmlReader
{
    private static readonly HashSet<string> RenderedKinds = new(StringComparer.Ordinal)
    {
        "models", "seeds", "snapshots", "analyses", "macros", "exposures", "groups", "semantic_models", "metrics", "saved_queries", "data_tests",
    };

    private static readonly HashSet<string> LaterRendered = new(StringComparer.Ordinal)
    {
        "description", "tests", "data_tests", "loaded_at_query", "config", "pre-hook", "post-hook", "pre_hook", "post_hook",
    };

    private void RenderStrings(YamlNode node, string kind, string file)
    {
        if (render is null || !RenderedKinds.Contains(kind))
        {
            return;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                    if (LaterRendered.Contains(name) || (kind == "metrics" && name == "filter") || (kind == "saved_queries" && name == "where"))
                    {
                        continue;
                    }

                    RenderStrings(value, kind, file);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence.Children)
                {
                    RenderStrings(child, kind, file);
                }

                break;
            case YamlScalarNode { Value: { } text } scalar when text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal):
                var rendered = render(text, YamlFile.SpanOf(scalar, file));
                scalar.Value = NativeLiteral(rendered) ?? rendered;
                scalar.Style = NativeLiteral(rendered) is null ? ScalarStyle.SingleQuoted : ScalarStyle.Plain;
                break;
        }
    }

    /// <summary>The YAML spelling of a rendered Python literal (True/False/None, an int or a float), else null.</summary>
    private static string? NativeLiteral(string rendered) => rendered.Trim() switch
    {
        "True" => "true",
        "False" => "false",
        "None" => "null",
        var t when long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => t,
        var t when t.Contains('.', StringComparison.Ordinal) && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => t,
        _ => null,
    };
}
