using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>Reads the root project's selectors.yml (dbt docs: "YAML selectors"): <c>selectors:</c>, each with
/// <c>name</c>, <c>definition</c>, optional <c>description</c> and <c>default</c> (at most one). Strings are rendered
/// with Jinja as dbt's <c>SelectorRenderer</c> does: <c>env_var()</c> and <c>var()</c> of <c>--vars</c>.</summary>
internal static class SelectorsFileReader
{
    public const string FileName = "selectors.yml";

    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal) { "name", "description", "definition", "default" };

    public static Dictionary<string, YamlSelector> Read(string projectDir, DiagnosticBag diagnostics, StringRenderer render)
    {
        var result = new Dictionary<string, YamlSelector>(StringComparer.Ordinal);
        var path = Path.Combine(projectDir, FileName);
        if (!File.Exists(path))
        {
            return result;
        }

        var root = YamlFile.ParseMapping(File.ReadAllText(path), FileName, diagnostics);
        if (root is null || YamlFile.Get(root, "selectors") is not YamlDotNet.RepresentationModel.YamlSequenceNode list)
        {
            if (root is not null)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, "selectors.yml must hold a 'selectors:' list", YamlFile.SpanOf(root, FileName));
            }

            return result;
        }

        foreach (var item in list.Children)
        {
            var span = YamlFile.SpanOf(item, FileName);
            if (item is not YamlDotNet.RepresentationModel.YamlMappingNode entry || YamlFile.ToValue(YamlFile.Get(entry, "name")) is not string name || name.Length == 0)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, "each selector needs a 'name'", span);
                continue;
            }

            foreach (var (key, keyNode, _) in YamlFile.Entries(entry))
            {
                if (!Keys.Contains(key))
                {
                    diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{key}' in selector '{name}'", YamlFile.SpanOf(keyNode, FileName));
                }
            }

            if (YamlFile.Get(entry, "definition") is not { } definition)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"selector '{name}' has no 'definition'", span);
                continue;
            }

            var isDefault = (YamlFile.Get(entry, "default") is { } defaultNode ? DbtProjectReader.Render(defaultNode, render, diagnostics, skip: false, FileName) : null) switch
            {
                bool b => b,
                string s => bool.TryParse(s, out var b) && b,
                _ => false,
            };
            if (isDefault && result.Values.FirstOrDefault(s => s.IsDefault) is { } other)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"selectors '{other.Name}' and '{name}' are both 'default: true'", span);
            }

            if (!result.TryAdd(name, new YamlSelector(name, DbtProjectReader.Render(definition, render, diagnostics, skip: false, FileName), isDefault, span, YamlFile.ToValue(YamlFile.Get(entry, "description")) as string ?? string.Empty)))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateName, $"selector '{name}' is defined twice", span);
            }
        }

        return result;
    }
}
