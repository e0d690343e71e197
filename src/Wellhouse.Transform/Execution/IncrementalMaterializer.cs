using System.Globalization;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's incremental materialization as dbt-duckdb runs it. When <c>is_incremental()</c> is false (no table yet, the
/// relation is a view, or a full refresh) the model is built as a table. Otherwise the compiled SQL (which saw
/// <c>is_incremental()</c> true) fills a temporary table; NULL unique keys fail the model; the schema change is
/// handled per <c>on_schema_change</c>; then ALTERs, delete and insert (or merge) run in ONE transaction, so any failure
/// leaves the table exactly as it was. The temporary table is dropped at the end. Message: <c>INSERT n</c> (rows
/// inserted) or <c>MERGE n</c> (rows updated or inserted).
/// </summary>
internal static class IncrementalMaterializer
{
    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, string sql, CancellationToken cancellationToken)
    {
        var config = IncrementalConfig.Read(node, out var configError);
        if (configError is not null)
        {
            return Error(node, "Compilation Error", configError);
        }

        if (config.Warning is { } warning)
        {
            context.Request.Log?.Invoke("warning: " + warning);
        }

        var relation = node.Relation;
        if (!IncrementalConfig.IsIncremental(node, context.Request.FullRefresh, session.GetRelationKind(relation)))
        {
            return ModelMaterializer.BuildTable(context, session, node, sql, cancellationToken);
        }

        var dialect = context.Adapter.Dialect;
        var temp = dialect.TempRelation(relation);
        var createTemp = dialect.CreateTemp(temp, sql);
        try
        {
            session.Execute(createTemp, cancellationToken);
        }
        catch (AdapterException ex)
        {
            ModelMaterializer.TryDrop(session, temp);
            return ModelMaterializer.Failed(node, ex, sql, createTemp);
        }

        try
        {
            return Apply(dialect, session, node, config, relation, temp, createTemp, cancellationToken);
        }
        finally
        {
            ModelMaterializer.TryDrop(session, temp);
        }
    }

    private static NodeOutcome Apply(SqlDialect dialect, ISqlSession session, Node node, IncrementalConfig config, Relation relation, Relation temp, string createTemp, CancellationToken cancellationToken)
    {
        var statements = new List<string>();
        try
        {
            if (config.Strategy != "append" && config.UniqueKey.Count > 0 && NullKeyError(dialect, session, temp, config.UniqueKey) is { } nullKeys)
            {
                return Error(node, "Runtime Error", nullKeys) with { RunSql = createTemp };
            }

            var targetColumns = session.GetColumns(relation);
            var sourceColumns = session.GetColumns(temp);
            var change = IncrementalSchemaChange.Compare(targetColumns, sourceColumns);
            var plan = change.Plan(dialect, config.OnSchemaChange, relation, targetColumns, sourceColumns, out var schemaError);
            if (plan is not { } planned)
            {
                return Error(node, "Compilation Error", schemaError!) with { RunSql = createTemp };
            }

            statements.AddRange(planned.Alters);
            var dest = planned.DestColumns;
            string verb;
            if (config.Strategy == "merge")
            {
                verb = "MERGE";
                statements.Add(dialect.Merge(relation, temp, config.UniqueKey, config.Predicates, dest, UpdateColumns(config, dest)));
            }
            else
            {
                verb = "INSERT";
                if (config.Strategy == "delete+insert" && config.UniqueKey.Count > 0)
                {
                    statements.Add(dialect.Delete(relation, temp, config.UniqueKey, config.Predicates));
                }

                statements.Add(dialect.Insert(relation, temp, dest));
            }

            var counts = session.ExecuteInTransaction(statements, cancellationToken);
            var rows = counts[^1];
            var status = verb + " " + rows.ToString(CultureInfo.InvariantCulture);
            return new NodeOutcome(NodeStatus.Success, status)
            {
                RelationName = relation.ToString(),
                RunSql = RunSql(createTemp, statements),
                RowsAffected = rows,
                ShortStatus = status,
            };
        }
        catch (AdapterException ex)
        {
            return ModelMaterializer.Failed(node, ex, null, RunSql(createTemp, statements));
        }
    }

    /// <summary>merge_update_columns (only these) or merge_exclude_columns (all but these); default every column.</summary>
    private static List<string> UpdateColumns(IncrementalConfig config, IReadOnlyList<string> dest)
    {
        if (config.MergeUpdateColumns.Count > 0)
        {
            return [.. config.MergeUpdateColumns];
        }

        var excluded = config.MergeExcludeColumns.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return dest.Where(c => !excluded.Contains(c)).ToList();
    }

    /// <summary>A NULL key never matches in the delete or merge, so it would silently duplicate rows: fail instead,
    /// naming the key columns, how many rows, and the first such row.</summary>
    private static string? NullKeyError(SqlDialect dialect, ISqlSession session, Relation temp, IReadOnlyList<string> uniqueKey)
    {
        var counts = session.Query(dialect.NullKeyCounts(temp, uniqueKey))[0];
        var bad = uniqueKey.Select((key, i) => (key, count: Convert.ToInt64(counts[i], CultureInfo.InvariantCulture))).Where(k => k.count > 0).ToList();
        if (bad.Count == 0)
        {
            return null;
        }

        var columns = session.GetColumns(temp);
        var row = session.Query(dialect.FirstNullKeyRow(temp, uniqueKey))[0];
        var values = columns.Select((c, i) => c.Name + "=" + Show(row[i]));
        return "unique_key " + string.Join(", ", bad.Select(b => $"'{b.key}' is NULL in {b.count} new row{(b.count == 1 ? string.Empty : "s")}"))
            + "; a NULL key matches no existing row and would duplicate rows, so nothing was written\n"
            + "first such row: " + string.Join(", ", values);
    }

    private static string Show(object? value) => value switch
    {
        null => "NULL",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string RunSql(string createTemp, List<string> statements) =>
        string.Join(";\n\n", [createTemp, .. statements]) + ";\n";

    private static NodeOutcome Error(Node node, string kind, string message) =>
        new(NodeStatus.Error, $"{kind} in model {node.Name} ({node.OriginalFilePath})\n  {message.Replace("\n", "\n  ", StringComparison.Ordinal)}");
}
