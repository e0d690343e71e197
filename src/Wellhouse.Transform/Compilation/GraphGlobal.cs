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
                ["database"] = source.Database,
                ["schema"] = source.Schema,
                ["identifier"] = source.Identifier,
                ["fqn"] = source.Fqn.Cast<object?>().ToList(),
                ["description"] = source.Description,
                ["meta"] = source.Meta,
                ["config"] = source.Config.Values,
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
            ["metrics"] = new Dictionary<string, object?>(StringComparer.Ordinal),
        };
    }
}
