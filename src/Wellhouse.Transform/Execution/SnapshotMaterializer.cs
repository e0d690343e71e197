using System.Globalization;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's snapshot materialization (type-2 history) on DuckDB and PostgreSQL. First run: the query's rows with <c>dbt_scd_id</c>,
/// <c>dbt_updated_at</c>, <c>dbt_valid_from</c> and <c>dbt_valid_to</c> (NULL, or <c>dbt_valid_to_current</c>). Later
/// runs, in one transaction: new source columns are added; the current row of every key whose data changed
/// (timestamp: <c>updated_at</c> newer than the row's <c>dbt_valid_from</c>; check: a checked column IS DISTINCT) is
/// closed (<c>dbt_valid_to</c> = the new <c>updated_at</c>, or the snapshot time for check) and a new current row
/// inserted; new keys are inserted; keys gone from the source are closed at the snapshot time when
/// <c>hard_deletes</c> is <c>invalidate</c>, and get a <c>dbt_is_deleted = 'True'</c> row too with <c>new_record</c>.
/// A failure leaves the table as it was. <c>--full-refresh</c> does not rebuild a snapshot (dbt's behaviour).
/// </summary>
internal static class SnapshotMaterializer
{
    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, string sql, CancellationToken cancellationToken)
    {
        var config = SnapshotConfig.Read(node, out var configError);
        if (config is null)
        {
            return new NodeOutcome(NodeStatus.Error, $"Compilation Error in snapshot {node.Name} ({node.OriginalFilePath})\n  {configError}");
        }

        var target = node.Relation;
        context.EnsureSchema(session, target.Database, target.Schema);
        var dialect = context.Adapter.Dialect;
        var source = dialect.TempRelation(target);
        var statements = new List<string>();
        try
        {
            var now = "cast('" + Convert.ToString(session.Query("select cast(now() as timestamp)::varchar")[0][0], CultureInfo.InvariantCulture) + "' as timestamp)";
            var createSource = dialect.CreateTemp(source, sql);
            statements.Add(createSource);
            session.Execute(createSource, cancellationToken);
            var snapshot = new SnapshotSql(dialect, config, target, source, session.GetColumns(source), now);
            if (session.GetRelationKind(target) is null)
            {
                var create = snapshot.Create();
                statements.Add(create);
                var created = session.ExecuteInTransaction([create], cancellationToken)[0];
                return Success(node, target, statements, $"INSERT {created}");
            }

            var targetColumns = session.GetColumns(target);
            var changes = snapshot.Changes(targetColumns);
            statements.AddRange(changes);
            var counts = session.ExecuteInTransaction(changes, cancellationToken);
            return Success(node, target, statements, $"UPDATE {counts[snapshot.UpdateIndex]}, INSERT {counts[snapshot.InsertIndex]}" + (snapshot.DeleteIndex is { } d ? $", HARD DELETES {counts[d]}" : string.Empty));
        }
        catch (AdapterException ex)
        {
            return ModelMaterializer.Failed(node, ex, null, string.Join(";\n\n", statements) + ";\n");
        }
        finally
        {
            ModelMaterializer.TryDrop(session, source);
        }
    }

    private static NodeOutcome Success(Node node, Relation target, List<string> statements, string counts) =>
        new(NodeStatus.Success, "OK snapshotted " + counts)
        {
            RelationName = target.ToString(),
            RunSql = string.Join(";\n\n", statements) + ";\n",
            ShortStatus = "OK",
        };
}
