using Wellhouse.Transform.Graph;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project;

/// <summary>
/// dbt-core checks the semantic manifest when it has metrics and semantic models (<c>SemanticManifest.validate</c>,
/// dbt-semantic-interfaces' rules); each failure is an error here at the line of the part it concerns. The rules
/// carried out: a time spine exists (a model with <c>time_spine:</c> or the legacy <c>metricflow_time_spine</c>), a
/// measure name is used by one semantic model only, a semantic model with dimensions has a primary entity, and each
/// measure's aggregation time dimension is set and is a time dimension of its semantic model.
/// </summary>
internal sealed partial class ProjectParser
{
    private void ValidateSemanticManifest()
    {
        if (manifest.Metrics.Count == 0 || manifest.SemanticModels.Count == 0)
        {
            return;
        }

        if (!manifest.Nodes.Values.Any(n => n.ResourceType == ResourceType.Model && (n.TimeSpine is not null || n.Name == "metricflow_time_spine")))
        {
            var first = manifest.Metrics.Values.OrderBy(m => m.DefinedAt.File, StringComparer.Ordinal).ThenBy(m => m.DefinedAt.Line).First();
            diagnostics.Error(DiagnosticCodes.InvalidValue, "The semantic layer requires a time spine model with granularity DAY or smaller in the project, but none was found. Guidance on creating this model can be found on our docs site (https://docs.getdbt.com/docs/build/metricflow-time-spine).", first.DefinedAt);
        }

        var owners = new Dictionary<string, List<SemanticResource>>(StringComparer.Ordinal);
        foreach (var model in manifest.SemanticModels.Values.OrderBy(m => m.DefinedAt.File, StringComparer.Ordinal).ThenBy(m => m.DefinedAt.Line))
        {
            foreach (var measure in MeasureNames(model).Distinct(StringComparer.Ordinal))
            {
                (owners.TryGetValue(measure, out var list) ? list : owners[measure] = []).Add(model);
            }

            ValidateSemanticModel(model);
        }

        foreach (var (measure, models) in owners.Where(p => p.Value.Count > 1))
        {
            diagnostics.Error(DiagnosticCodes.DuplicateName, $"Found measure with name {measure} in multiple semantic models with names ({string.Join(", ", models.Select(m => m.Name))})", ElementSpan(models[1], "measures", measure));
        }
    }

    private void ValidateSemanticModel(SemanticResource model)
    {
        var entities = Elements(model, "entities");
        var dimensions = Elements(model, "dimensions");
        var hasPrimary = model.Spec.GetValueOrDefault("primary_entity") is string || entities.Any(e => string.Equals(e.GetValueOrDefault("type") as string, "primary", StringComparison.OrdinalIgnoreCase));
        if (dimensions.Count > 0 && !hasPrimary)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"The semantic model '{model.Name}' contains dimensions, but it does not define a primary entity. Define an entity with type 'primary' or set 'primary_entity'.", model.DefinedAt);
        }

        var timeDimensions = dimensions.Where(d => string.Equals(d.GetValueOrDefault("type") as string, "time", StringComparison.OrdinalIgnoreCase)).Select(d => d.GetValueOrDefault("name") as string).ToHashSet(StringComparer.Ordinal);
        var defaultTime = (model.Spec.GetValueOrDefault("defaults") as Dictionary<string, object?>)?.GetValueOrDefault("agg_time_dimension") as string;
        foreach (var measure in Elements(model, "measures"))
        {
            var name = measure.GetValueOrDefault("name") as string ?? string.Empty;
            var time = measure.GetValueOrDefault("agg_time_dimension") as string ?? defaultTime;
            if (time is null)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"Aggregation time dimension for measure {name} is not set! This should either be set directly on the measure specification in the model, or else defaulted to a time dimension in the model defaults.", ElementSpan(model, "measures", name));
            }
            else if (!timeDimensions.Contains(time))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, $"In semantic model {model.Name}, measure {name} has the aggregation time dimension set to {time}, which is not a valid time dimension in the semantic model", ElementSpan(model, "measures", name));
            }
        }
    }

    private static List<Dictionary<string, object?>> Elements(SemanticResource model, string key) =>
        [.. (model.Spec.GetValueOrDefault(key) as List<object?> ?? []).OfType<Dictionary<string, object?>>()];

    /// <summary>Where the named element of a list (a measure, a dimension) is written; the entry when not found.</summary>
    private SourceSpan ElementSpan(SemanticResource resource, string listKey, string name)
    {
        if (semanticYaml.GetValueOrDefault(resource.UniqueId) is { } node && YamlFile.Get(node, listKey) is YamlSequenceNode list)
        {
            foreach (var item in list.Children.OfType<YamlMappingNode>())
            {
                if (YamlFile.ScalarText(YamlFile.Get(item, "name")) == name)
                {
                    return new SourceSpan(resource.DefinedAt.File, (int)item.Start.Line, (int)item.Start.Column);
                }
            }
        }

        return resource.DefinedAt;
    }
}
