using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Merges config dictionaries as dbt does (dbt-core <c>MergeBehavior</c>): tags and hooks are appended, meta, docs,
/// column_types, quoting, grants and contract are updated key by key, everything else is replaced by the later value.
/// </summary>
internal static class ConfigMerger
{
    private static readonly HashSet<string> Appended = new(StringComparer.Ordinal) { "tags", "pre-hook", "post-hook", "pre_hook", "post_hook" };

    private static readonly HashSet<string> Updated = new(StringComparer.Ordinal) { "meta", "docs", "column_types", "quoting", "grants", "contract", "persist_docs" };

    public static void Apply(NodeConfig config, IReadOnlyDictionary<string, object?> values) => Apply(config.Values, values);

    public static void Apply(Dictionary<string, object?> target, IReadOnlyDictionary<string, object?> values)
    {
        foreach (var (rawKey, value) in values)
        {
            var key = Normalize(rawKey);
            if (Appended.Contains(key))
            {
                var list = AsList(target.GetValueOrDefault(key));
                foreach (var item in AsList(value))
                {
                    if (key != "tags" || !list.Contains(item))
                    {
                        list.Add(item);
                    }
                }

                target[key] = list;
            }
            else if (Updated.Contains(key) && value is IDictionary<string, object?> dict)
            {
                var merged = target.GetValueOrDefault(key) is IDictionary<string, object?> existing
                    ? new Dictionary<string, object?>(existing, StringComparer.Ordinal)
                    : new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in dict)
                {
                    merged[k] = v;
                }

                target[key] = merged;
            }
            else
            {
                target[key] = value;
            }
        }
    }

    /// <summary>dbt's <c>deep_merge</c>: mappings merged key by key, all the way down; any other later value replaces.</summary>
    public static Dictionary<string, object?> DeepMerge(IReadOnlyDictionary<string, object?> first, IReadOnlyDictionary<string, object?> second)
    {
        var merged = new Dictionary<string, object?>(first, StringComparer.Ordinal);
        foreach (var (key, value) in second)
        {
            merged[key] = merged.GetValueOrDefault(key) is IReadOnlyDictionary<string, object?> left && value is IReadOnlyDictionary<string, object?> right
                ? DeepMerge(left, right)
                : value;
        }

        return merged;
    }

    /// <summary><c>+key</c> and <c>pre_hook</c> spellings map to dbt's config names.</summary>
    public static string Normalize(string key)
    {
        var name = key.StartsWith('+') ? key[1..] : key;
        return name switch
        {
            "pre_hook" => "pre-hook",
            "post_hook" => "post-hook",
            _ => name,
        };
    }

    private static List<object?> AsList(object? value) => value switch
    {
        null => [],
        string s => [s],
        IEnumerable<object?> items => items.ToList(),
        var other => [other],
    };
}
