namespace Wellhouse.Transform.Project;

/// <summary>
/// The <c>models:</c> / <c>seeds:</c> / <c>data_tests:</c> trees of dbt_project.yml. A node's config is found by
/// walking its fqn (project, folders, name) from the root: at each level keys starting with <c>+</c>, and known config
/// names whose value is not a folder, are configs; other keys are folders (dbt docs: "Configs and properties",
/// "resource-path"). Deeper levels win; tags add up.
/// </summary>
internal static class ConfigTree
{
    /// <summary>Configs whose value is a mapping: written without <c>+</c> they are still configs, not folders.</summary>
    private static readonly HashSet<string> DictConfigs = new(StringComparer.Ordinal)
    {
        "meta", "docs", "persist_docs", "quoting", "column_types", "grants", "contract", "freshness", "options",
    };

    public static Dictionary<string, object?> Resolve(IReadOnlyDictionary<string, object?> tree, IReadOnlyList<string> fqn)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var level = tree;
        Collect(level, result);
        foreach (var part in fqn)
        {
            if (level.GetValueOrDefault(part) is not IReadOnlyDictionary<string, object?> next || IsConfigKey(part, next))
            {
                break;
            }

            level = next;
            Collect(level, result);
        }

        return result;
    }

    private static void Collect(IReadOnlyDictionary<string, object?> level, Dictionary<string, object?> result)
    {
        var configs = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in level)
        {
            if (IsConfigKey(key, value))
            {
                configs[key] = value;
            }
        }

        ConfigMerger.Apply(result, configs);
    }

    private static bool IsConfigKey(string key, object? value) =>
        key.StartsWith('+') || value is not IReadOnlyDictionary<string, object?> || DictConfigs.Contains(key);
}
