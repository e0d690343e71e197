using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// A model built by a project's or package's <c>{% materialization %}</c> block: the block runs in the model's
/// context on the worker's session (its statements, hooks and <c>adapter</c> calls) and reports the response of its
/// <c>statement('main')</c>, whose SQL goes to target/run/. The block runs the model's hooks itself
/// (<c>run_hooks(pre_hooks)</c>), as in dbt.
/// </summary>
internal static class CustomMaterializer
{
    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, string sql, MaterializationEntry entry)
    {
        var relation = node.Relation;
        context.EnsureSchema(session, relation.Database, relation.Schema);
        try
        {
            var (mainSql, message) = context.RunMaterialization(node, sql, entry, session);
            return new NodeOutcome(NodeStatus.Success, message) { RelationName = relation.ToString(), RunSql = mainSql, ShortStatus = message };
        }
        catch (NodeCompilationException ex)
        {
            var kind = ex.IsDatabaseError ? "Database Error" : "Compilation Error";
            return new NodeOutcome(NodeStatus.Error, $"{kind} in model {node.Name} ({node.OriginalFilePath})\n  {ex.Message}");
        }
    }
}
