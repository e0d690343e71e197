using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's <c>on_schema_change</c> for an incremental run (dbt-core <c>check_for_schema_changes</c> and
/// <c>process_schema_changes</c>; dbt docs "What if the columns of my incremental model change?"): compares the new
/// rows' columns with the target's by name (case-insensitive, as DuckDB names are) and type, then
/// <list type="bullet">
/// <item><c>ignore</c>: nothing changes; the insert uses the target's columns (new ones are dropped, a removed one
/// makes the insert fail).</item>
/// <item><c>fail</c>: any difference fails the model.</item>
/// <item><c>append_new_columns</c>: new columns are added to the target; removed ones stay (NULL in new rows).</item>
/// <item><c>sync_all_columns</c>: new columns added, removed ones dropped, changed types altered.</item>
/// </list>
/// The ALTER statements run in the same transaction as the delete and insert.
/// </summary>
internal sealed record IncrementalSchemaChange(
    IReadOnlyList<ColumnSchema> Added,
    IReadOnlyList<string> Removed,
    IReadOnlyList<ColumnSchema> TypeChanged)
{
    public bool HasChanges => Added.Count > 0 || Removed.Count > 0 || TypeChanged.Count > 0;

    public static IncrementalSchemaChange Compare(IReadOnlyList<ColumnSchema> target, IReadOnlyList<ColumnSchema> source)
    {
        var targetByName = target.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var sourceNames = source.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = source.Where(c => !targetByName.ContainsKey(c.Name)).ToList();
        var removed = target.Where(c => !sourceNames.Contains(c.Name)).Select(c => c.Name).ToList();
        var changed = source
            .Where(c => targetByName.TryGetValue(c.Name, out var old) && !string.Equals(old.DataType, c.DataType, StringComparison.OrdinalIgnoreCase))
            .Select(c => c with { Name = targetByName[c.Name].Name })
            .ToList();
        return new IncrementalSchemaChange(added, removed, changed);
    }

    /// <summary>
    /// The ALTER statements for <paramref name="mode"/> and the columns the insert lists; null with an error message
    /// when the mode is <c>fail</c> and the schemas differ.
    /// </summary>
    public (List<string> Alters, IReadOnlyList<string> DestColumns)? Plan(
        SqlDialect dialect, string mode, Relation target, IReadOnlyList<ColumnSchema> targetColumns, IReadOnlyList<ColumnSchema> sourceColumns, out string? error)
    {
        error = null;
        var alters = new List<string>();
        if (mode == "ignore" || !HasChanges)
        {
            // The target's columns: with ignore, new columns are left out, and a column the new rows lack is listed
            // anyway, so the insert fails as dbt's does.
            return (alters, targetColumns.Select(c => c.Name).ToList());
        }

        if (mode == "fail")
        {
            error = "The source and target schemas on this incremental model are out of sync. Reconcile them with a "
                + "--full-refresh, or set on_schema_change to append_new_columns or sync_all_columns.\n"
                + Describe();
            return null;
        }

        alters.AddRange(Added.Select(c => dialect.AddColumn(target, c)));
        if (mode == "sync_all_columns")
        {
            alters.AddRange(Removed.Select(c => dialect.DropColumn(target, c)));
            alters.AddRange(TypeChanged.Select(c => dialect.AlterColumnType(target, c)));
        }

        return (alters, sourceColumns.Select(c => c.Name).ToList());
    }

    /// <summary>The differences, one kind per line (for the fail message and the log).</summary>
    public string Describe()
    {
        var lines = new List<string>();
        if (Added.Count > 0)
        {
            lines.Add("source columns not in target: " + string.Join(", ", Added.Select(c => $"{c.Name} {c.DataType}")));
        }

        if (Removed.Count > 0)
        {
            lines.Add("target columns not in source: " + string.Join(", ", Removed));
        }

        if (TypeChanged.Count > 0)
        {
            lines.Add("new column types: " + string.Join(", ", TypeChanged.Select(c => $"{c.Name} {c.DataType}")));
        }

        return string.Join("\n", lines);
    }
}
