using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// An incremental model's configs as dbt reads them (dbt docs: "Configure incremental models", "full_refresh",
/// "on_schema_change"): <c>incremental_strategy</c> (dbt-duckdb's default is delete+insert), <c>unique_key</c> (a
/// column or a list), <c>incremental_predicates</c>, <c>on_schema_change</c> (default ignore),
/// <c>merge_update_columns</c> / <c>merge_exclude_columns</c>, <c>full_refresh</c>.
/// </summary>
internal sealed record IncrementalConfig
{
    public static readonly IReadOnlyList<string> Strategies = ["append", "delete+insert", "merge"];

    public static readonly IReadOnlyList<string> SchemaChangeModes = ["ignore", "fail", "append_new_columns", "sync_all_columns"];

    public required string Strategy { get; init; }

    public IReadOnlyList<string> UniqueKey { get; init; } = [];

    public IReadOnlyList<string> Predicates { get; init; } = [];

    public string OnSchemaChange { get; init; } = "ignore";

    /// <summary>A warning for the log (e.g. an unknown on_schema_change value, replaced by ignore as dbt does).</summary>
    public string? Warning { get; init; }

    public IReadOnlyList<string> MergeUpdateColumns { get; init; } = [];

    public IReadOnlyList<string> MergeExcludeColumns { get; init; } = [];

    /// <summary>dbt's <c>should_full_refresh()</c>: the model's <c>full_refresh</c> config when set (true or false),
    /// else the <c>--full-refresh</c> flag.</summary>
    public static bool ShouldFullRefresh(Node node, bool flag) => node.Config.GetBool("full_refresh") ?? flag;

    /// <summary>dbt's <c>is_incremental()</c>: an incremental model, not a full refresh, whose relation exists as a table.</summary>
    public static bool IsIncremental(Node node, bool fullRefreshFlag, RelationKind? existing) =>
        node.Config.Materialized == "incremental" && existing == RelationKind.Table && !ShouldFullRefresh(node, fullRefreshFlag);

    /// <summary>Reads the configs; an invalid strategy is an error message (dbt fails the model the same way).</summary>
    public static IncrementalConfig Read(Node node, out string? error)
    {
        error = null;
        var strategy = node.Config.GetString("incremental_strategy") ?? "delete+insert";
        if (!Strategies.Contains(strategy))
        {
            error = $"invalid incremental strategy '{strategy}' (supported: {string.Join(", ", Strategies)})";
        }

        var onSchemaChange = node.Config.GetString("on_schema_change") ?? "ignore";
        string? warning = null;
        if (!SchemaChangeModes.Contains(onSchemaChange))
        {
            warning = $"invalid value for on_schema_change ({onSchemaChange}) in model {node.Name}; using 'ignore' (valid: {string.Join(", ", SchemaChangeModes)})";
            onSchemaChange = "ignore";
        }

        var uniqueKey = node.Config.GetStringList("unique_key").Where(k => k.Trim().Length > 0).ToList();
        return new IncrementalConfig
        {
            Strategy = strategy,
            UniqueKey = uniqueKey,
            Predicates = node.Config.GetStringList("incremental_predicates"),
            OnSchemaChange = onSchemaChange,
            Warning = warning,
            MergeUpdateColumns = node.Config.GetStringList("merge_update_columns"),
            MergeExcludeColumns = node.Config.GetStringList("merge_exclude_columns"),
        };
    }
}
