namespace Wellhouse.Transform.Graph;

/// <summary>
/// A node's merged configuration: the project's config tree, then schema .yml <c>config:</c>, then the file's own
/// <c>{{ config(...) }}</c>, later ones winning. Every key is kept (dbt keeps unknown keys too); the typed properties
/// read the keys the engine acts on. Values are Jinja values: null, bool, long, double, string, lists, dictionaries.
/// </summary>
public sealed class NodeConfig
{
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public object? this[string key]
    {
        get => Values.GetValueOrDefault(key);
        set => Values[key] = value;
    }

    public bool Enabled => GetBool("enabled") ?? true;

    /// <summary>view, table, ephemeral, incremental, external, seed or test.</summary>
    public string Materialized => GetString("materialized") ?? "view";

    public string? Schema => GetString("schema");

    public string? Database => GetString("database");

    public string? Alias => GetString("alias");

    public IReadOnlyList<string> Tags => GetStringList("tags");

    /// <summary>Test severity, upper case as dbt writes it: ERROR or WARN.</summary>
    public string Severity => (GetString("severity") ?? "ERROR").ToUpperInvariant();

    public string WarnIf => GetString("warn_if") ?? "!= 0";

    public string ErrorIf => GetString("error_if") ?? "!= 0";

    public string? Where => GetString("where");

    public long? Limit => Values.GetValueOrDefault("limit") switch
    {
        long l => l,
        double d => (long)d,
        _ => null,
    };

    public bool StoreFailures => GetBool("store_failures") ?? false;

    /// <summary>The <c>pre-hook</c>s, in the order dbt runs them (project, then .yml, then the file's own config).</summary>
    public IReadOnlyList<HookConfig> PreHooks => HookConfig.Read(Values.GetValueOrDefault("pre-hook"));

    /// <summary>The <c>post-hook</c>s, in the order dbt runs them.</summary>
    public IReadOnlyList<HookConfig> PostHooks => HookConfig.Read(Values.GetValueOrDefault("post-hook"));

    public string? GetString(string key) => Values.GetValueOrDefault(key) switch
    {
        null => null,
        string s => s,
        bool b => b ? "True" : "False",
        var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture),
    };

    public bool? GetBool(string key) => Values.GetValueOrDefault(key) switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var b) => b,
        _ => null,
    };

    public IReadOnlyList<string> GetStringList(string key) => Values.GetValueOrDefault(key) switch
    {
        null => [],
        string s => [s],
        IEnumerable<object?> items => items.Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToList(),
        _ => [],
    };

    public NodeConfig Clone()
    {
        var copy = new NodeConfig();
        foreach (var (key, value) in Values)
        {
            copy.Values[key] = value;
        }

        return copy;
    }
}
