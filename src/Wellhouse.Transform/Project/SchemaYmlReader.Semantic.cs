using Wellhouse.Transform.Graph;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// <c>semantic_models:</c>, <c>metrics:</c> and <c>saved_queries:</c> entries, checked against dbt-core 1.10's
/// property schemas (<c>UnparsedSemanticModel</c>, <c>UnparsedMetric</c>, <c>UnparsedSavedQuery</c> and their parts):
/// unknown keys, missing required keys and values outside dbt-semantic-interfaces' enums are errors at their line.
/// </summary>
internal sealed partial class SchemaYmlReader
{
    private static readonly HashSet<string> SemanticModelKeys = Keys("name model config description label defaults entities measures dimensions primary_entity");
    private static readonly HashSet<string> EntityKeys = Keys("name type description label role expr config");
    private static readonly HashSet<string> MeasureKeys = Keys("name agg description label expr agg_params non_additive_dimension agg_time_dimension create_metric config");
    private static readonly HashSet<string> DimensionKeys = Keys("name type description label is_partition type_params expr config");
    private static readonly HashSet<string> MetricKeys = Keys("name label type type_params description filter time_granularity meta tags config");
    private static readonly HashSet<string> MetricTypeParamsKeys = Keys("measure numerator denominator expr window grain_to_date metrics conversion_type_params cumulative_type_params");
    private static readonly HashSet<string> SavedQueryKeys = Keys("name query_params description label exports config tags");
    private static readonly HashSet<string> QueryParamsKeys = Keys("metrics group_by where order_by limit");
    private static readonly HashSet<string> ExportKeys = Keys("name config");

    internal static readonly HashSet<string> EntityTypes = Keys("primary unique foreign natural");
    internal static readonly HashSet<string> DimensionTypes = Keys("categorical time");
    internal static readonly HashSet<string> AggregationTypes = Keys("sum min max count_distinct sum_boolean average percentile median count");
    internal static readonly HashSet<string> MetricTypes = Keys("simple ratio cumulative derived conversion");
    internal static readonly HashSet<string> Granularities = Keys("nanosecond microsecond millisecond second minute hour day week month quarter year");

    private static HashSet<string> Keys(string names) => new(names.Split(' '), StringComparer.OrdinalIgnoreCase);

    private void ReadSemanticModel(YamlMappingNode node, string file, SchemaFiles into)
    {
        if (Semantic(node, file, "semantic model", SemanticModelKeys, ["model"]) is not { } name)
        {
            return;
        }

        Elements(node, file, "entities", $"semantic model '{name}'", EntityKeys, ["name", "type"], ("type", EntityTypes));
        Elements(node, file, "measures", $"semantic model '{name}'", MeasureKeys, ["name", "agg"], ("agg", AggregationTypes));
        foreach (var dimension in Elements(node, file, "dimensions", $"semantic model '{name}'", DimensionKeys, ["name", "type"], ("type", DimensionTypes)))
        {
            var typeParams = YamlFile.Get(dimension, "type_params") as YamlMappingNode;
            var granularity = typeParams is null ? null : YamlFile.Get(typeParams, "time_granularity");
            if (YamlFile.ScalarText(YamlFile.Get(dimension, "type")) is { } type && type.Equals("time", StringComparison.OrdinalIgnoreCase) && granularity is null)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"semantic model '{name}': time dimension '{YamlFile.ScalarText(YamlFile.Get(dimension, "name"))}' needs type_params: {{time_granularity: ...}}", YamlFile.SpanOf(dimension, file));
            }
            else if (granularity is not null)
            {
                CheckEnum(granularity, file, "time_granularity", Granularities);
            }
        }

        into.Semantic.Add((Resource("semantic_model", name, node, file), node));
    }

    private void ReadMetric(YamlMappingNode node, string file, SchemaFiles into)
    {
        if (Semantic(node, file, "metric", MetricKeys, ["label", "type", "type_params"]) is not { } name)
        {
            return;
        }

        var problems = new List<string>();
        if (name.Contains(' ', StringComparison.Ordinal))
        {
            problems.Add("cannot contain spaces");
        }

        if (name.Length > 250)
        {
            problems.Add("cannot contain more than 250 characters");
        }

        if (!char.IsAsciiLetter(name[0]))
        {
            problems.Add("must begin with a letter");
        }

        if (!name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-'))
        {
            problems.Add("must contain only letters, numbers and underscores");
        }

        if (problems.Count > 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"The metric name '{name}' is invalid.  It {string.Join(", ", problems)}", YamlFile.SpanOf(node, file));
            return;
        }

        CheckEnum(YamlFile.Get(node, "type")!, file, "type", MetricTypes);
        if (YamlFile.Get(node, "type_params") is YamlMappingNode typeParams)
        {
            CheckKeys(typeParams, file, MetricTypeParamsKeys, $"metric '{name}' type_params");
        }

        var resource = Resource("metric", name, node, file);
        if (resource.Spec.GetValueOrDefault("type_params") is Dictionary<string, object?> parameters && parameters.GetValueOrDefault("measure") is string measure)
        {
            parameters["measure"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = measure };
        }

        into.Semantic.Add((resource, node));
    }

    private void ReadSavedQuery(YamlMappingNode node, string file, SchemaFiles into)
    {
        if (Semantic(node, file, "saved query", SavedQueryKeys, ["query_params"]) is not { } name)
        {
            return;
        }

        if (YamlFile.Get(node, "query_params") is YamlMappingNode queryParams)
        {
            CheckKeys(queryParams, file, QueryParamsKeys, $"saved query '{name}' query_params");
        }

        Elements(node, file, "exports", $"saved query '{name}'", ExportKeys, ["name"]);
        into.Semantic.Add((Resource("saved_query", name, node, file), node));
    }

    /// <summary>The entry's name when it has one, its keys are dbt's and its required keys are there.</summary>
    private string? Semantic(YamlMappingNode node, string file, string what, HashSet<string> keys, string[] required)
    {
        var name = RequireName(node, file, what);
        if (name is null)
        {
            return null;
        }

        CheckKeys(node, file, keys, $"{what} '{name}'");
        var missing = required.Where(k => YamlFile.Get(node, k) is null or YamlScalarNode { Value: null or "" }).ToList();
        foreach (var key in missing)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"{what} '{name}' needs '{key}'", YamlFile.SpanOf(node, file));
        }

        return missing.Count == 0 ? name : null;
    }

    /// <summary>The mappings of a list (entities, measures, dimensions, exports), each checked: dbt's keys, its required
    /// keys, and an enum-valued key's value.</summary>
    private List<YamlMappingNode> Elements(YamlMappingNode node, string file, string key, string owner, HashSet<string> keys, string[] required, (string Key, HashSet<string> Values)? enumKey = null)
    {
        var result = new List<YamlMappingNode>();
        if (YamlFile.Get(node, key) is not { } list)
        {
            return result;
        }

        foreach (var item in Items(list, file, key))
        {
            var name = YamlFile.ScalarText(YamlFile.Get(item, "name")) ?? "?";
            var what = $"{owner}: {key[..^1].Replace("ie", "y", StringComparison.Ordinal)} '{name}'";
            CheckKeys(item, file, keys, what);
            foreach (var missing in required.Where(k => YamlFile.Get(item, k) is null or YamlScalarNode { Value: null or "" }))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"{what} needs '{missing}'", YamlFile.SpanOf(item, file));
            }

            if (enumKey is { } e && YamlFile.Get(item, e.Key) is YamlScalarNode { Value: not (null or "") } value)
            {
                CheckEnum(value, file, e.Key, e.Values);
            }

            result.Add(item);
        }

        return result;
    }

    private void CheckEnum(YamlNode value, string file, string key, HashSet<string> allowed)
    {
        if (YamlFile.ScalarText(value) is not { } text || !allowed.Contains(text))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"'{key}' must be one of {string.Join(", ", allowed)}; got '{YamlFile.ScalarText(value)}'", YamlFile.SpanOf(value, file));
        }
    }

    private static SemanticResource Resource(string resourceType, string name, YamlMappingNode node, string file)
    {
        var values = YamlFile.ToValue(node) as Dictionary<string, object?> ?? new(StringComparer.Ordinal);
        var config = values.GetValueOrDefault("config") as Dictionary<string, object?> ?? new(StringComparer.Ordinal);
        if (resourceType == "metric")
        {
            foreach (var key in new[] { "meta", "tags" })
            {
                if (values.TryGetValue(key, out var value))
                {
                    config.TryAdd(key, value);
                }
            }
        }
        else if (resourceType == "saved_query" && values.TryGetValue("tags", out var tags))
        {
            config.TryAdd("tags", tags);
        }

        return new SemanticResource
        {
            ResourceType = resourceType,
            Name = name,
            OriginalFilePath = file,
            DefinedAt = YamlFile.SpanOf(node, file),
            Description = values.GetValueOrDefault("description") as string ?? string.Empty,
            Label = values.GetValueOrDefault("label") as string,
            WrittenConfig = config,
            Spec = values.Where(p => p.Key is not ("name" or "description" or "label" or "config" or "meta" or "tags")).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        };
    }
}
