using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// A model's, seed's or snapshot's <c>pre-hook</c>s and <c>post-hook</c>s, rendered in the node's context when it runs
/// and executed on its session: pre-hooks with <c>transaction: false</c> first, then the others, the materialization,
/// then the post-hooks in the transaction, then those with <c>transaction: false</c> (dbt's order). A failing hook fails
/// the node with the hook's place in the message; post-hooks run only after a successful build.
/// Unlike dbt on a transactional adapter, a post-hook failing does not roll back the relation just built: the engine's
/// materializations commit their own swap.
/// </summary>
internal static class ModelHooks
{
    public static bool Any(Node node) => node.Config.PreHooks.Count > 0 || node.Config.PostHooks.Count > 0;

    public static NodeOutcome? RunPre(RunContext context, ISqlSession session, Node node, CancellationToken cancellationToken) =>
        Run(context, session, node, "pre-hook", [.. node.Config.PreHooks.Where(h => !h.Transaction), .. node.Config.PreHooks.Where(h => h.Transaction)], cancellationToken);

    public static NodeOutcome? RunPost(RunContext context, ISqlSession session, Node node, CancellationToken cancellationToken) =>
        Run(context, session, node, "post-hook", [.. node.Config.PostHooks.Where(h => h.Transaction), .. node.Config.PostHooks.Where(h => !h.Transaction)], cancellationToken);

    private static NodeOutcome? Run(RunContext context, ISqlSession session, Node node, string kind, IReadOnlyList<HookConfig> hooks, CancellationToken cancellationToken)
    {
        foreach (var hook in hooks)
        {
            string sql;
            try
            {
                sql = context.RenderSnippet(hook.Sql, node.DefinedAt, node, session);
            }
            catch (NodeCompilationException ex)
            {
                return Error(node, kind, hook, ex.IsDatabaseError ? "Database Error" : "Compilation Error", ex.Message);
            }

            if (string.IsNullOrWhiteSpace(sql))
            {
                continue;
            }

            try
            {
                session.Execute(sql, cancellationToken);
            }
            catch (AdapterException ex)
            {
                return Error(node, kind, hook, "Database Error", ex.Message + "\n  hook SQL: " + sql.Trim());
            }
        }

        return null;
    }

    private static NodeOutcome Error(Node node, string kind, HookConfig hook, string errorKind, string message) =>
        new(NodeStatus.Error, $"{errorKind} in {kind} {hook.Index + 1} of {node.ResourceType.ToDbtString()} {node.Name} ({node.OriginalFilePath})\n  {message.Trim()}");
}
