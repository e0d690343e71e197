using Wellhouse.Transform.Graph;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// Semantic models, metrics and saved queries as dbt-core 1.10 parses them: ids <c>semantic_model.&lt;package&gt;.x</c>,
/// <c>metric...</c>, <c>saved_query...</c>; configs from dbt_project.yml's <c>semantic-models:</c>, <c>metrics:</c>,
/// <c>saved-queries:</c> trees then the entry's <c>config:</c>; a disabled one is left out; a measure with
/// <c>create_metric: true</c> adds a simple metric of its name. References are resolved as dbt's
/// <c>process_refs</c>/<c>process_metrics</c>/<c>process_saved_queries</c> do, with their errors.
/// </summary>
internal sealed partial class ProjectParser
{
    private readonly Dictionary<string, YamlMappingNode> semanticYaml = new(StringComparer.Ordinal);

    private void LoadSemanticResources()
    {
        foreach (var (resource, node) in schema.Semantic)
        {
            var written = resource.OriginalFilePath;
            Add(resource, node);
            if (resource.ResourceType != "semantic_model" || !resource.Enabled)
            {
                continue;
            }

            foreach (var measure in (resource.Spec.GetValueOrDefault("measures") as List<object?> ?? []).OfType<Dictionary<string, object?>>())
            {
                if (measure.GetValueOrDefault("create_metric") is true && measure.GetValueOrDefault("name") is string name)
                {
                    var metric = new SemanticResource
                    {
                        ResourceType = "metric",
                        Name = name,
                        OriginalFilePath = written,
                        DefinedAt = MeasureSpan(node, name, resource.DefinedAt),
                        Description = measure.GetValueOrDefault("description") as string ?? string.Empty,
                        Label = measure.GetValueOrDefault("label") as string ?? name,
                        Spec = new Dictionary<string, object?>(StringComparer.Ordinal)
                        {
                            ["type"] = "simple",
                            ["type_params"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["measure"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name } },
                        },
                    };
                    Add(metric, node);
                }
            }
        }
    }

    /// <summary>Where a semantic model's measure is written (a created metric is placed there).</summary>
    private static SourceSpan MeasureSpan(YamlMappingNode model, string name, SourceSpan fallback) =>
        YamlFile.Get(model, "measures") is YamlSequenceNode list
            && list.Children.OfType<YamlMappingNode>().FirstOrDefault(m => YamlFile.ScalarText(YamlFile.Get(m, "name")) == name) is { } measure
            ? new SourceSpan(fallback.File, (int)measure.Start.Line, (int)measure.Start.Column)
            : fallback;

    private void Add(SemanticResource resource, YamlMappingNode node)
    {
        var (collection, tree, what) = resource.ResourceType switch
        {
            "semantic_model" => (manifest.SemanticModels, "semantic-models", "semantic model"),
            "metric" => (manifest.Metrics, "metrics", "metric"),
            _ => (manifest.SavedQueries, "saved-queries", "saved query"),
        };
        resource.Fqn = [.. FqnPrefix(resource.OriginalFilePath), resource.Name];
        resource.PackageName = file.Name;
        resource.UniqueId = $"{resource.ResourceType}.{file.Name}.{resource.Name}";
        resource.OriginalFilePath = current.PackageRelative(resource.OriginalFilePath);
        var config = new Dictionary<string, object?>(StringComparer.Ordinal) { ["enabled"] = true };
        foreach (var project in current.IsRoot ? new[] { file } : new[] { file, rootFile })
        {
            if (project.Raw.GetValueOrDefault(tree) is IReadOnlyDictionary<string, object?> configs)
            {
                ConfigMerger.Apply(config, ConfigTree.Resolve(configs, resource.Fqn));
            }
        }

        ConfigMerger.Apply(config, resource.WrittenConfig);
        config.TryAdd("meta", new Dictionary<string, object?>(StringComparer.Ordinal));
        config.TryAdd("group", null);
        resource.Config = config;
        if (!resource.Enabled)
        {
            return;
        }

        if (!collection.TryAdd(resource.UniqueId, resource))
        {
            diagnostics.Error(DiagnosticCodes.DuplicateName, $"dbt found two {what}s with the name \"{resource.Name}\" (the first in {collection[resource.UniqueId].OriginalFilePath})", resource.DefinedAt);
            return;
        }

        semanticYaml[resource.UniqueId] = node;
    }

    /// <summary>Refs of semantic models, measures and input metrics of metrics, metrics of saved queries.</summary>
    private void ResolveSemanticResources()
    {
        foreach (var model in manifest.SemanticModels.Values)
        {
            ResolveSemanticModelRef(model);
        }

        var resolved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in manifest.Metrics.Values)
        {
            ResolveMetric(metric, resolved, []);
        }

        foreach (var query in manifest.SavedQueries.Values)
        {
            var queryParams = query.Spec.GetValueOrDefault("query_params") as Dictionary<string, object?>;
            foreach (var name in (queryParams?.GetValueOrDefault("metrics") as List<object?> ?? []).Select(m => m?.ToString() ?? string.Empty))
            {
                if (FindMetric(name, query.PackageName) is { } metric)
                {
                    AddDependency(query, metric.UniqueId);
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.UnknownRef, $"{Title(query)} '{query.UniqueId}' ({query.OriginalFilePath}) depends on a metric named '{name}' which was not found", query.DefinedAt);
                }
            }
        }
    }

    private void ResolveSemanticModelRef(SemanticResource model)
    {
        var text = model.Spec.GetValueOrDefault("model")?.ToString() ?? string.Empty;
        var call = DependsOnCall().Match(text);
        if (!call.Success || call.Groups["fn"].Value != "ref")
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"semantic model '{model.Name}': 'model' must be ref('...'), got '{text}'", model.DefinedAt);
            return;
        }

        var a = call.Groups["a"].Value;
        var b = call.Groups["b"].Success ? call.Groups["b"].Value : null;
        var (package, name) = b is null ? ((string?)null, a) : (a, b);
        if (services.FindNode(package, name, model.PackageName) is not { } target)
        {
            var inPackage = package is null ? string.Empty : $"in package or project '{package}' ";
            diagnostics.Error(DiagnosticCodes.UnknownRef, $"{Title(model)} '{model.UniqueId}' ({model.OriginalFilePath}) depends on a node named '{name}' {inPackage}which was not found", model.DefinedAt);
            return;
        }

        AddDependency(model, target.UniqueId);
        model.Refs.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name, ["package"] = package, ["version"] = null });
        model.NodeRelation = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["alias"] = target.Alias,
            ["schema_name"] = target.Schema,
            ["database"] = target.Database,
            ["relation_name"] = target.Relation.ToString(),
        };
    }

    /// <summary>dbt's <c>_process_metric_node</c>: a simple or cumulative metric depends on the semantic model of its
    /// measure, a conversion metric on those of its two measures, a ratio or derived metric on its input metrics.</summary>
    private void ResolveMetric(SemanticResource metric, HashSet<string> resolved, HashSet<string> visiting)
    {
        if (resolved.Contains(metric.UniqueId) || !visiting.Add(metric.UniqueId))
        {
            return;
        }

        var type = (metric.Spec.GetValueOrDefault("type") as string ?? string.Empty).ToLowerInvariant();
        var parameters = metric.Spec.GetValueOrDefault("type_params") as Dictionary<string, object?> ?? new(StringComparer.Ordinal);
        var conversion = parameters.GetValueOrDefault("conversion_type_params") as Dictionary<string, object?>;
        IEnumerable<object?> measures = type switch
        {
            "simple" or "cumulative" => [parameters.GetValueOrDefault("measure")],
            "conversion" => [conversion?.GetValueOrDefault("base_measure"), conversion?.GetValueOrDefault("conversion_measure")],
            _ => [],
        };
        foreach (var measure in measures)
        {
            var name = measure is Dictionary<string, object?> m ? m.GetValueOrDefault("name")?.ToString() : measure?.ToString();
            if (name is null)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"metric '{metric.Name}': a {type} metric needs a measure in type_params", metric.DefinedAt);
            }
            else if (manifest.SemanticModels.Values.FirstOrDefault(sm => MeasureNames(sm).Contains(name)) is { } model)
            {
                AddDependency(metric, model.UniqueId);
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.UnknownRef, $"A semantic model having a measure `{name}` does not exist but was referenced.", metric.DefinedAt);
            }
        }

        if (type is "ratio" or "derived")
        {
            List<object?> inputs = type == "ratio" ? [parameters.GetValueOrDefault("numerator"), parameters.GetValueOrDefault("denominator")] : parameters.GetValueOrDefault("metrics") as List<object?> ?? [];
            if (type == "ratio" && inputs.Any(i => i is null))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, "Invalid ratio metric. Both a numerator and denominator must be specified", metric.DefinedAt);
                inputs = [];
            }

            foreach (var input in inputs)
            {
                var name = input is Dictionary<string, object?> m ? m.GetValueOrDefault("name")?.ToString() ?? string.Empty : input?.ToString() ?? string.Empty;
                if (FindMetric(name, metric.PackageName) is not { } target)
                {
                    diagnostics.Error(DiagnosticCodes.UnknownRef, $"The metric `{name}` does not exist but was referenced.", metric.DefinedAt);
                    continue;
                }

                ResolveMetric(target, resolved, visiting);
                AddDependency(metric, target.UniqueId);
            }
        }

        resolved.Add(metric.UniqueId);
    }

    internal static IEnumerable<string> MeasureNames(SemanticResource model) =>
        (model.Spec.GetValueOrDefault("measures") as List<object?> ?? []).OfType<Dictionary<string, object?>>().Select(m => m.GetValueOrDefault("name")?.ToString() ?? string.Empty);

    /// <summary>dbt's <c>resolve_metric</c>: the root project, then the node's package, then any package.</summary>
    private SemanticResource? FindMetric(string name, string fromPackage) =>
        manifest.Metrics.GetValueOrDefault($"metric.{services.ProjectName}.{name}")
        ?? manifest.Metrics.GetValueOrDefault($"metric.{fromPackage}.{name}")
        ?? manifest.Metrics.Values.Where(m => m.Name == name).OrderBy(m => m.PackageName, StringComparer.Ordinal).FirstOrDefault();

    private static void AddDependency(SemanticResource resource, string id)
    {
        if (!resource.DependsOnNodes.Contains(id))
        {
            resource.DependsOnNodes.Add(id);
        }
    }

    /// <summary>dbt's <c>resource_type.title()</c>: <c>Semantic_Model</c>, <c>Metric</c>, <c>Saved_Query</c>.</summary>
    private static string Title(SemanticResource resource) =>
        string.Join('_', resource.ResourceType.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
