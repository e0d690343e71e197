namespace Wellhouse.Dashboard;

/// <summary>The dbt project's lineage as the data page draws it: sources, seeds and models, and who reads whom.</summary>
internal sealed record LineageGraph(IReadOnlyList<LineageNode> Nodes, IReadOnlyList<LineageEdge> Edges, string? Error = null)
{
    public static LineageGraph Empty(string error) => new([], [], error);
}

/// <summary>A node: <c>id</c> as dbt's unique ids without the project (<c>model.stg_x</c>, <c>seed.prices</c>,
/// <c>source.raw.production</c>); <c>layer</c> is the models/ subfolder (staging, intermediate, marts) or the type.</summary>
internal sealed record LineageNode(string Id, string Name, string ResourceType, string Layer);

/// <summary>An edge from the upstream node to the node that reads it.</summary>
internal sealed record LineageEdge(string From, string To);
