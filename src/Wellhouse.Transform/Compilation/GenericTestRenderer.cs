using System.Text;
using System.Text.RegularExpressions;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// Generic tests: the keyword arguments are rendered as dbt's <c>add_rendered_test_kwargs</c> does (strings that look
/// like <c>ref(...)</c>, <c>source(...)</c>, <c>var(...)</c>, <c>env_var(...)</c>, <c>doc(...)</c> are wrapped in
/// <c>{{ }}</c>; <c>column_name</c> is left as written), then the macro <c>test_&lt;name&gt;</c> is called with them.
/// </summary>
internal static partial class GenericTestRenderer
{
    [GeneratedRegex(@"^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LooksLikeFunction();

    /// <summary>Calls the test's macro with its rendered arguments in the globals of <paramref name="state"/>.</summary>
    public static string Render(DbtContext context, Node node, RenderState state)
    {
        var templates = context.Services.Templates;
        var metadata = node.TestMetadata!;
        var globals = context.CreateGlobals(state);
        // A test macro of another package is called through its package (its name is not in this node's namespace).
        var qualified = metadata.Namespace is not null
            || (metadata.MacroPackage != ProjectTemplates.BuiltinPackage && metadata.MacroPackage != node.PackageName && metadata.MacroPackage != context.Services.ProjectName);
        var call = new StringBuilder("{{ ").Append(qualified ? metadata.MacroPackage + "." : string.Empty).Append("test_").Append(metadata.Name).Append('(');
        var first = true;
        foreach (var (key, value) in metadata.Kwargs)
        {
            var rendered = key == "column_name" ? value : RenderKwarg(templates, value, globals, node, state);
            globals["__dbt_kw_" + key] = rendered;
            call.Append(first ? string.Empty : ", ").Append(key).Append("=__dbt_kw_").Append(key);
            first = false;
        }

        call.Append(") }}");
        var text = call.ToString();
        var template = templates.Parse(text, node.OriginalFilePath);
        return template.Render(globals, state.Phase == RenderPhase.Parse ? JinjaUndefined.Chainable : JinjaUndefined.Default);
    }

    private static object? RenderKwarg(ProjectTemplates templates, object? value, Dictionary<string, object?> globals, Node node, RenderState state) => value switch
    {
        string text => RenderString(templates, text, globals, node, state),
        IList<object?> list => list.Select(v => RenderKwarg(templates, v, globals, node, state)).ToList(),
        IDictionary<string, object?> dict => dict.ToDictionary(p => p.Key, p => RenderKwarg(templates, p.Value, globals, node, state), StringComparer.Ordinal),
        _ => value,
    };

    /// <summary>A string argument rendered natively as dbt does (<c>add_rendered_test_kwargs</c> with
    /// <c>native=True</c>): <c>model</c> and <c>ref('x')</c>/<c>source(...)</c> arrive as relations, so
    /// <c>adapter.get_columns_in_relation(model)</c> works in the test macro.</summary>
    private static object? RenderString(ProjectTemplates templates, string text, Dictionary<string, object?> globals, Node node, RenderState state)
    {
        if (LooksLikeFunction().IsMatch(text))
        {
            text = "{{ " + text + " }}";
        }
        else if (!text.Contains("{{", StringComparison.Ordinal) && !text.Contains("{%", StringComparison.Ordinal))
        {
            return text;
        }

        var template = templates.Parse(text, node.OriginalFilePath);
        return template.RenderNative(globals, state.Phase == RenderPhase.Parse ? JinjaUndefined.Chainable : JinjaUndefined.Default);
    }
}
