using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// A semantic-layer resource of a schema file (dbt docs: "Semantic models", "Metrics", "Saved queries"): parsed,
/// validated and in manifest.json, the graph and selection, never built. <see cref="Spec"/> holds the entry's keys
/// other than name, description, label and config, as written (a metric's <c>measure: x</c> normalised to
/// <c>{name: x}</c>, as dbt's manifest writes it).
/// </summary>
public sealed class SemanticResource
{
    /// <summary><c>semantic_model</c>, <c>metric</c> or <c>saved_query</c> (dbt's resource type).</summary>
    public required string ResourceType { get; init; }

    public required string Name { get; init; }

    /// <summary><c>&lt;resource type&gt;.&lt;package&gt;.&lt;name&gt;</c> (set when its package is known).</summary>
    public string UniqueId { get; set; } = string.Empty;

    public string PackageName { get; set; } = string.Empty;

    public required string OriginalFilePath { get; set; }

    public required SourceSpan DefinedAt { get; init; }

    public List<string> Fqn { get; set; } = [];

    public string Description { get; init; } = string.Empty;

    public string? Label { get; init; }

    public Dictionary<string, object?> Spec { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The resolved config (project tree, then the entry's <c>config:</c>): enabled, meta, group, tags...</summary>
    public Dictionary<string, object?> Config { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The entry's own <c>config:</c>, as written (dbt's <c>unrendered_config</c>).</summary>
    public Dictionary<string, object?> WrittenConfig { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Unique ids it depends on: a semantic model its model, a metric the semantic models of its measures
    /// and its input metrics, a saved query its metrics (resolved after parsing).</summary>
    public List<string> DependsOnNodes { get; } = [];

    /// <summary>A semantic model's <c>ref()</c> (name, package, version) once resolved.</summary>
    public List<object?> Refs { get; } = [];

    /// <summary>A semantic model's relation (<c>node_relation</c>), from its model.</summary>
    public Dictionary<string, object?>? NodeRelation { get; set; }

    public bool Enabled => Config.GetValueOrDefault("enabled") is not false;

    public string? Group => Config.GetValueOrDefault("group") as string;

    public List<string> Tags => Config.GetValueOrDefault("tags") switch
    {
        string tag => [tag],
        IEnumerable<object?> tags => [.. tags.Select(t => t?.ToString() ?? string.Empty)],
        _ => [],
    };

    /// <summary>The resource as dbt's manifest.json writes it.</summary>
    public Dictionary<string, object?> ToManifest()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = Name,
            ["resource_type"] = ResourceType,
            ["package_name"] = PackageName,
            ["path"] = OriginalFilePath,
            ["original_file_path"] = OriginalFilePath,
            ["unique_id"] = UniqueId,
            ["fqn"] = Fqn.Cast<object?>().ToList(),
            ["description"] = Description,
            ["label"] = Label,
        };
        foreach (var (key, value) in Spec)
        {
            result[key] = value;
        }

        if (ResourceType == "metric")
        {
            AddMetricDefaults(result);
        }

        result["metadata"] = null;
        result["config"] = Config;
        result["unrendered_config"] = WrittenConfig;
        result["group"] = Group;
        result["depends_on"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["macros"] = new List<object?>(),
            ["nodes"] = DependsOnNodes.Cast<object?>().ToList(),
        };
        result["refs"] = Refs;
        if (ResourceType == "semantic_model")
        {
            result["node_relation"] = NodeRelation;
        }
        else
        {
            result["tags"] = Tags.Cast<object?>().ToList();
            result["meta"] = Config.GetValueOrDefault("meta") ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        return result;
    }

    /// <summary>The keys dbt's Metric and MetricTypeParams always have, none when not written (so a macro reading
    /// <c>metric.type_params.numerator</c> of a simple metric gets none, as in dbt).</summary>
    private static void AddMetricDefaults(Dictionary<string, object?> metric)
    {
        metric.TryAdd("filter", null);
        metric.TryAdd("time_granularity", null);
        var typeParams = metric.GetValueOrDefault("type_params") is Dictionary<string, object?> written
            ? new Dictionary<string, object?>(written, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var key in (string[])["measure", "numerator", "denominator", "expr", "window", "grain_to_date", "conversion_type_params", "cumulative_type_params", "metric_aggregation_params"])
        {
            typeParams.TryAdd(key, null);
        }

        typeParams.TryAdd("input_measures", new List<object?>());
        typeParams.TryAdd("metrics", new List<object?>());
        metric["type_params"] = typeParams;
    }
}
