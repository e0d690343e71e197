using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Compilation;

/// <summary>dbt's <c>graph</c> global: <c>graph.nodes</c> and <c>graph.sources</c> as dicts by unique id.</summary>
internal static class GraphGlobal
{
    public static Dictionary<string, object?> Build(Manifest manifest)
    {
        var nodes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (id, node) in manifest.Nodes.Where(n => n.Value.ResourceType != ResourceType.UnitTest))
        {
            nodes[id] = DbtContext.NodeDict(node);
        }

        var sources = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (id, source) in manifest.Sources)
        {
            sources[id] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["unique_id"] = id,
                ["name"] = source.Name,
                ["source_name"] = source.SourceName,
                ["resource_type"] = "source",
                ["package_name"] = source.PackageName,
                ["path"] = source.OriginalFilePath,
                ["original_file_path"] = source.OriginalFilePath,
                ["patch_path"] = null,
                ["database"] = source.Database,
                ["schema"] = source.Schema,
                ["identifier"] = source.Identifier,
                ["fqn"] = source.Fqn.Cast<object?>().ToList(),
                ["description"] = source.Description,
                ["meta"] = source.Meta,
                ["source_description"] = source.SourceDescription,
                ["loader"] = source.Loader ?? string.Empty,
                ["config"] = SourceConfig(source),
                ["freshness"] = source.Config.Values.GetValueOrDefault("freshness"),
                ["external"] = source.ExternalLocation is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal) { ["location"] = source.ExternalLocation },
                ["tags"] = source.Config.Tags.Cast<object?>().ToList(),
                ["loaded_at_field"] = source.LoadedAtField,
                ["columns"] = DbtContext.ColumnsDict(source.Columns),
                ["relation_name"] = source.RenderReference(),
            };
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["nodes"] = nodes,
            ["sources"] = sources,
            ["exposures"] = manifest.Exposures.Values.ToDictionary(e => e.UniqueId, e => (object?)e.ToManifest(), StringComparer.Ordinal),
            ["metrics"] = manifest.Metrics.Values.ToDictionary(m => m.UniqueId, m => (object?)m.ToManifest(), StringComparer.Ordinal),
            ["semantic_models"] = manifest.SemanticModels.Values.ToDictionary(m => m.UniqueId, m => (object?)m.ToManifest(), StringComparer.Ordinal),
            ["saved_queries"] = manifest.SavedQueries.Values.ToDictionary(q => q.UniqueId, q => (object?)q.ToManifest(), StringComparer.Ordinal),
        };
    }

    /// <summary>A source's config with dbt's SourceConfig defaults: an unset <c>freshness</c> is a threshold whose
    /// <c>warn_after</c> and <c>error_after</c> have no count or period (so <c>config.freshness.warn_after.count</c>
    /// is none, not an error).</summary>
    private static Dictionary<string, object?> SourceConfig(SourceDefinition source)
    {
        var config = new Dictionary<string, object?>(source.Config.Values, StringComparer.Ordinal);
        config.TryAdd("enabled", true);
        config.TryAdd("event_time", null);
        config.TryAdd("freshness", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["warn_after"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["count"] = null, ["period"] = null },
            ["error_after"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["count"] = null, ["period"] = null },
            ["filter"] = null,
        });
        config.TryAdd("loaded_at_field", source.LoadedAtField);
        config.TryAdd("loaded_at_query", null);
        config.TryAdd("meta", source.Meta);
        config.TryAdd("tags", source.Config.Tags.Cast<object?>().ToList());
        return config;
    }
}
