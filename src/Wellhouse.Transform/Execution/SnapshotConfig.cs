using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// A snapshot's configuration (dbt docs: "Snapshot configurations"): <c>unique_key</c> (a column, an expression or a
/// list), <c>strategy</c> <c>timestamp</c> (with <c>updated_at</c>) or <c>check</c> (with <c>check_cols</c>, a list or
/// <c>all</c>), <c>hard_deletes</c> (<c>ignore</c>, <c>invalidate</c>, <c>new_record</c>; the older
/// <c>invalidate_hard_deletes: true</c> means <c>invalidate</c>), <c>dbt_valid_to_current</c> and
/// <c>snapshot_meta_column_names</c>.
/// </summary>
internal sealed record SnapshotConfig(
    IReadOnlyList<string> UniqueKey,
    string Strategy,
    string? UpdatedAt,
    IReadOnlyList<string>? CheckCols,
    string HardDeletes,
    string? ValidToCurrent,
    SnapshotColumns Columns)
{
    public static SnapshotConfig? Read(Node node, out string? error)
    {
        error = null;
        var config = node.Config;
        var uniqueKey = config.GetStringList("unique_key");
        var strategy = config.GetString("strategy");
        var updatedAt = config.GetString("updated_at");
        IReadOnlyList<string>? checkCols = config["check_cols"] is string all && all.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : config.GetStringList("check_cols");
        var hardDeletes = config.GetString("hard_deletes") ?? (config.GetBool("invalidate_hard_deletes") == true ? "invalidate" : "ignore");
        if (uniqueKey.Count == 0)
        {
            error = "a snapshot needs config 'unique_key' (a column, an expression or a list of columns)";
        }
        else if (strategy is not ("timestamp" or "check"))
        {
            error = strategy is null
                ? "a snapshot needs config 'strategy': 'timestamp' (with 'updated_at') or 'check' (with 'check_cols')"
                : $"snapshot strategy '{strategy}' is not supported (supported: timestamp, check)";
        }
        else if (strategy == "timestamp" && string.IsNullOrWhiteSpace(updatedAt))
        {
            error = "the timestamp strategy needs config 'updated_at' (the column that says when a row last changed)";
        }
        else if (strategy == "check" && checkCols is { Count: 0 })
        {
            error = "the check strategy needs config 'check_cols' (a list of columns, or 'all')";
        }
        else if (hardDeletes is not ("ignore" or "invalidate" or "new_record"))
        {
            error = $"hard_deletes '{hardDeletes}' is not supported (supported: ignore, invalidate, new_record)";
        }

        if (error is not null)
        {
            return null;
        }

        return new SnapshotConfig(uniqueKey, strategy!, updatedAt, checkCols, hardDeletes, config.GetString("dbt_valid_to_current"), SnapshotColumns.Read(config["snapshot_meta_column_names"] as Dictionary<string, object?>));
    }
}

/// <summary>The names of the columns a snapshot adds (dbt's defaults, or <c>snapshot_meta_column_names</c>).</summary>
internal sealed record SnapshotColumns(string ScdId, string UpdatedAt, string ValidFrom, string ValidTo, string IsDeleted)
{
    public static SnapshotColumns Read(Dictionary<string, object?>? names) => new(
        Name(names, "dbt_scd_id"),
        Name(names, "dbt_updated_at"),
        Name(names, "dbt_valid_from"),
        Name(names, "dbt_valid_to"),
        Name(names, "dbt_is_deleted"));

    private static string Name(Dictionary<string, object?>? names, string key) => names?.GetValueOrDefault(key) as string ?? key;
}
