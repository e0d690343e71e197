using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's view and table materializations. A view is created or replaced. A table is built as
/// <c>&lt;name&gt;__dbt_tmp</c> and swapped into place (drop old, rename new) in one transaction, so a failing model
/// leaves the table that existed before intact (dbt's table materialization does the same with a backup relation).
/// Incremental and external models are built by <see cref="IncrementalMaterializer"/> and <see cref="ExternalMaterializer"/>.
/// </summary>
internal static class ModelMaterializer
{
    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, string sql, CancellationToken cancellationToken)
    {
        var relation = node.Relation;
        context.EnsureSchema(session, relation.Database, relation.Schema);
        var materialized = node.Config.Materialized;
        switch (materialized)
        {
            case "view":
            {
                var statement = context.Adapter.Dialect.ViewStatement(relation, sql);
                try
                {
                    session.CreateView(relation, sql, cancellationToken);
                }
                catch (AdapterException ex)
                {
                    return Failed(node, ex, sql, statement);
                }

                return new NodeOutcome(NodeStatus.Success, "OK") { RelationName = relation.ToString(), RunSql = statement, ShortStatus = "OK" };
            }

            case "table":
                return BuildTable(context, session, node, sql, cancellationToken);

            case "incremental":
                return IncrementalMaterializer.Run(context, session, node, sql, cancellationToken);

            case "external":
                return ExternalMaterializer.Run(context, session, node, sql, cancellationToken);

            default:
                return new NodeOutcome(
                    NodeStatus.Error,
                    $"Compilation Error in model {node.Name} ({node.OriginalFilePath})\n  No materialization '{materialized}' was found for adapter {context.Adapter.Type}! (searched types 'default' and '{context.Adapter.Type}')");
        }
    }

    /// <summary>The table materialization (also an incremental model's first build and full refresh).</summary>
    internal static NodeOutcome BuildTable(RunContext context, ISqlSession session, Node node, string sql, CancellationToken cancellationToken)
    {
        var relation = node.Relation;
        var staged = context.Adapter.Dialect.Staged(relation, "__dbt_tmp");
        var constrained = ContractCheck.IsEnforced(node) ? ConstrainedTable.Statements(node, staged, sql) : null;
        var statement = constrained is null ? context.Adapter.Dialect.TableStatement(staged, sql) : string.Join(";\n", constrained) + ";";
        try
        {
            if (constrained is null)
            {
                session.CreateTableAs(staged, sql, cancellationToken);
            }
            else
            {
                session.ExecuteInTransaction(constrained, cancellationToken);
            }

            foreach (var after in context.Adapter.AfterCreate(node, staged))
            {
                session.Execute(after, cancellationToken);
                statement += ";\n" + after;
            }

            session.SwapInto(staged, relation);
        }
        catch (AdapterException ex)
        {
            TryDrop(session, staged);

            // The contract check has already run the query, so a failure here is the table's DDL or a constraint: no compiled line to point at.
            return Failed(node, ex, constrained is null ? sql : null, statement);
        }

        return new NodeOutcome(NodeStatus.Success, "OK") { RelationName = relation.ToString(), RunSql = statement, ShortStatus = "OK" };
    }

    internal static void TryDrop(ISqlSession session, Relation relation)
    {
        try
        {
            session.DropRelationIfExists(relation);
        }
        catch (AdapterException)
        {
            // Best effort: the staged relation is rebuilt from scratch on the next run anyway.
        }
    }

    internal static NodeOutcome Failed(Node node, AdapterException ex, string? sql, string statement) =>
        new(NodeStatus.Error, DatabaseErrorFormatter.Format(node, ex, sql, SqlDialect.WrapperLines)) { RunSql = statement };
}
