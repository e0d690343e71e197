using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// What the PostgreSQL adapter does not run yet: external models (docs/engine.md, "PostgreSQL"). Such a node is an error naming its file, never skipped silently; the rest of the run goes on.
/// </summary>
internal static class AdapterSupport
{
    public static NodeOutcome? Check(ISqlAdapter adapter, Node node)
    {
        if (adapter.Type != "postgres")
        {
            return null;
        }

        return node.ResourceType != ResourceType.Model || node.Config.Materialized != "external"
            ? null
            : new NodeOutcome(
                NodeStatus.Error,
                $"Not supported in {node.ResourceType.ToDbtString()} {node.Name} ({node.OriginalFilePath})\n  the external materialization cannot run on target type 'postgres' yet (only on 'duckdb')")
            {
                ShortStatus = "ERROR",
            };
    }
}
