using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Jinja in the strings of a source's schema-file entry (dbt renders source properties at parse time with var() and
/// env_var(), e.g. <c>schema: "{{ var('raw_schema') }}"</c>; dbt docs "env_var": usable in sources.yml). dbt-duckdb's
/// <c>{name}</c>/<c>{identifier}</c> placeholders in external_location are not Jinja and are left for
/// <see cref="Graph.SourceDefinition.RenderReference"/>.
/// </summary>
internal sealed partial class ProjectParser
{
    private static bool HasJinja(string text) => text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="text"/> rendered; on a Jinja or env_var error a diagnostic at the value in the yml file
    /// (<paramref name="spans"/>[<paramref name="key"/>], else <paramref name="fallback"/>) and the text unchanged.
    /// </summary>
    private string? RenderSourceText(string? text, Dictionary<string, SourceSpan> spans, string key, SourceSpan fallback)
    {
        if (text is null || !HasJinja(text))
        {
            return text;
        }

        return RenderYamlText(text, spans.GetValueOrDefault(key, fallback));
    }

    /// <summary>A schema-file string rendered with the parse-time context (var(), env_var(), target); on an error a
    /// diagnostic at <paramref name="where"/> and the text unchanged.</summary>
    private string RenderYamlText(string text, SourceSpan where)
    {
        try
        {
            return Templates.Environment.Parse(text, where.File).Render(context.CreateGlobals(new RenderState(null, RenderPhase.Parse)));
        }
        catch (JinjaException ex)
        {
            diagnostics.Error(ex.Code, ex.Message, where);
        }
        catch (DiagnosticException ex)
        {
            diagnostics.Add(ex.Diagnostic with { Span = where });
        }

        return text;
    }

    /// <summary>A copy of a source's config or meta mapping with its top-level strings rendered.</summary>
    private Dictionary<string, object?> RenderSourceValues(Dictionary<string, object?> values, Dictionary<string, SourceSpan> spans, string prefix, SourceSpan fallback)
    {
        var rendered = new Dictionary<string, object?>(values, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is string text && HasJinja(text))
            {
                rendered[key] = RenderSourceText(text, spans, prefix + "." + key, fallback);
            }
        }

        return rendered;
    }
}
