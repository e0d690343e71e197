namespace Wellhouse.Transform.Project;

/// <summary>
/// How a source table's <c>freshness</c> inherits from its source (dbt-core <c>parser/sources.py</c>
/// <c>merge_freshness</c>, dbt docs "freshness"): a table without the key inherits the source's block; a table block
/// is merged over the source's key by key, and <c>warn_after</c>/<c>error_after</c> one level deeper (count, period);
/// <c>freshness: null</c> (or <c>warn_after: null</c>) switches it off.
/// </summary>
internal static class FreshnessMerger
{
    public static object? Merge(object? inherited, object? update, bool updateSet)
    {
        if (!updateSet)
        {
            return inherited;
        }

        if (update is not IDictionary<string, object?> next || inherited is not IDictionary<string, object?> previous)
        {
            return update;
        }

        var merged = new Dictionary<string, object?>(previous, StringComparer.Ordinal);
        foreach (var (key, value) in next)
        {
            merged[key] = key is "warn_after" or "error_after" && value is IDictionary<string, object?> time && merged.GetValueOrDefault(key) is IDictionary<string, object?> before
                ? new Dictionary<string, object?>(before.Concat(time).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal), StringComparer.Ordinal)
                : value;
        }

        return merged;
    }
}
