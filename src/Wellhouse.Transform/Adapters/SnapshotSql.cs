using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters;

/// <summary>
/// The statements of a snapshot, standard SQL that DuckDB and PostgreSQL both run (see <see cref="SnapshotMaterializer"/>). Keys and <c>updated_at</c> are
/// written as given (dbt allows expressions); other column names are quoted. The source rows are in a temporary table;
/// each side computes its key as <c>__dbt_key_&lt;i&gt;</c> so that key expressions compare like for like.
/// </summary>
internal sealed class SnapshotSql(SqlDialect dialect, SnapshotConfig config, Relation target, Relation source, IReadOnlyList<ColumnSchema> sourceSchema, string now)
{
    private readonly SnapshotColumns meta = config.Columns;
    private readonly IReadOnlyList<string> sourceColumns = [.. sourceSchema.Select(c => c.Name)];

    /// <summary>Index in <see cref="Changes"/> of the statement closing changed rows.</summary>
    public int UpdateIndex { get; private set; }

    /// <summary>Index of the statement inserting new and changed rows.</summary>
    public int InsertIndex { get; private set; }

    /// <summary>Index of the statement closing deleted keys, when hard deletes are tracked.</summary>
    public int? DeleteIndex { get; private set; }

    private bool NewRecord => config.HardDeletes == "new_record";

    /// <summary>When a source row became valid: its <c>updated_at</c>, or the snapshot time (check strategy).</summary>
    private string SourceTimestamp => config.Strategy == "timestamp" ? "(" + config.UpdatedAt + ")" : now;

    private string ValidToCurrent(string typed) => config.ValidToCurrent is { } current ? $"cast({current} as timestamp)" : $"cast(nullif({typed}, {typed}) as timestamp)";

    private string IsCurrent(string alias) => config.ValidToCurrent is { } current
        ? $"({alias}.{Q(meta.ValidTo)} is null or {alias}.{Q(meta.ValidTo)} = cast({current} as timestamp))"
        : $"{alias}.{Q(meta.ValidTo)} is null";

    public string Create()
    {
        var columns = string.Join(", ", sourceColumns.Select(c => "s." + Q(c)));
        var deleted = NewRecord ? $",\n  'False' as {Q(meta.IsDeleted)}" : string.Empty;
        return $"create table {target} as\nselect {columns},\n  {ScdId(Keyed("s"), "s.__dbt_ts")} as {Q(meta.ScdId)},\n  s.__dbt_ts as {Q(meta.UpdatedAt)},\n"
            + $"  s.__dbt_ts as {Q(meta.ValidFrom)},\n  {ValidToCurrent("s.__dbt_ts")} as {Q(meta.ValidTo)}{deleted}\nfrom ({SourceKeyed()}) as s";
    }

    /// <summary>The statements of a later run, for one transaction.</summary>
    public List<string> Changes(IReadOnlyList<ColumnSchema> targetColumns)
    {
        var existing = targetColumns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var statements = new List<string>();
        foreach (var column in sourceColumns.Where(c => !existing.Contains(c)))
        {
            statements.Add($"alter table {target} add column {Q(column)} {sourceSchema.First(c => c.Name == column).DataType}");
        }

        if (NewRecord && !existing.Contains(meta.IsDeleted))
        {
            statements.Add($"alter table {target} add column {Q(meta.IsDeleted)} varchar");
        }

        var keysMatch = string.Join(" and ", config.UniqueKey.Select((_, i) => $"s.__dbt_key_{i} = t.__dbt_key_{i}"));
        var changed = config.Strategy == "timestamp"
            ? $"t.{Q(meta.ValidFrom)} < s.__dbt_ts"
            : string.Join(" or ", (config.CheckCols ?? sourceColumns).Select(c => $"s.{Q(c)} is distinct from t.{Q(c)}"));
        if (NewRecord)
        {
            changed = $"({changed}) or t.{Q(meta.IsDeleted)} = 'True'";
        }

        const string staged = "__dbt_snapshot_changes";
        statements.Add(dialect.CreateTemp(dialect.TempTable(staged, string.Empty), $"select s.*, t.{Q(meta.ScdId)} as __dbt_closes\nfrom ({SourceKeyed()}) as s\nleft join ({CurrentKeyed()}) as t on {keysMatch}\nwhere t.{Q(meta.ScdId)} is null or ({changed})"));
        UpdateIndex = statements.Count;
        statements.Add($"update {target} as t set {Q(meta.ValidTo)} = c.__dbt_ts\nfrom {staged} as c\nwhere c.__dbt_closes is not null and t.{Q(meta.ScdId)} = c.__dbt_closes");
        InsertIndex = statements.Count;
        var columns = string.Join(", ", sourceColumns.Select(Q));
        var deletedValue = NewRecord ? $", {Q(meta.IsDeleted)}" : string.Empty;
        statements.Add($"insert into {target} ({columns}, {Q(meta.ScdId)}, {Q(meta.UpdatedAt)}, {Q(meta.ValidFrom)}, {Q(meta.ValidTo)}{deletedValue})\nselect {string.Join(", ", sourceColumns.Select(c => "c." + Q(c)))}, {ScdId(Keyed("c"), "c.__dbt_ts")}, c.__dbt_ts, c.__dbt_ts, {ValidToCurrent("c.__dbt_ts")}{(NewRecord ? ", 'False'" : string.Empty)}\nfrom {staged} as c");
        if (config.HardDeletes != "ignore")
        {
            const string gone = "__dbt_snapshot_deletes";
            var notDeleted = NewRecord ? $" and t.{Q(meta.IsDeleted)} is distinct from 'True'" : string.Empty;
            statements.Add(dialect.CreateTemp(dialect.TempTable(gone, string.Empty), $"select t.* from ({CurrentKeyed()}) as t\nwhere not exists (select 1 from ({SourceKeyed()}) as s where {keysMatch}){notDeleted}"));
            DeleteIndex = statements.Count;
            statements.Add($"update {target} as t set {Q(meta.ValidTo)} = {now}\nfrom {gone} as g where t.{Q(meta.ScdId)} = g.{Q(meta.ScdId)}");
            if (NewRecord)
            {
                var kept = targetColumns.Select(c => c.Name).Where(c => !IsMeta(c)).ToList();
                var list = string.Join(", ", kept.Select(Q));
                statements.Add($"insert into {target} ({list}, {Q(meta.ScdId)}, {Q(meta.UpdatedAt)}, {Q(meta.ValidFrom)}, {Q(meta.ValidTo)}, {Q(meta.IsDeleted)})\nselect {string.Join(", ", kept.Select(c => "g." + Q(c)))}, {ScdId(Keyed("g"), now)}, {now}, {now}, {ValidToCurrent(now)}, 'True'\nfrom {gone} as g");
            }
        }

        return statements;
    }

    private bool IsMeta(string column) =>
        new[] { meta.ScdId, meta.UpdatedAt, meta.ValidFrom, meta.ValidTo, meta.IsDeleted }.Contains(column, StringComparer.OrdinalIgnoreCase);

    private string SourceKeyed() =>
        $"select *, {string.Join(", ", config.UniqueKey.Select((k, i) => $"({k}) as __dbt_key_{i}"))}, {SourceTimestamp} as __dbt_ts from {source}";

    private string CurrentKeyed() =>
        $"select *, {string.Join(", ", config.UniqueKey.Select((k, i) => $"({k}) as __dbt_key_{i}"))} from {target} as t where {IsCurrent("t")}";

    private IEnumerable<string> Keyed(string alias) => config.UniqueKey.Select((_, i) => $"{alias}.__dbt_key_{i}");

    /// <summary>dbt's <c>dbt_scd_id</c>: md5 of the key(s) and the time the row became valid, each cast to text.</summary>
    private static string ScdId(IEnumerable<string> keys, string timestamp) =>
        "md5(" + string.Join(" || '|' || ", keys.Append(timestamp).Select(e => $"coalesce(cast({e} as varchar), '')")) + ")";

    private static string Q(string identifier) => Relation.Quote(identifier);
}
