using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters;

/// <summary>
/// The SQL an adapter's materializations send: the create statements of views, tables and temporary tables (each
/// engine's own), and the incremental materialization's statements, which are standard SQL that DuckDB and
/// PostgreSQL 15 both run (MERGE included). The new rows are in a temporary table (<c>source</c>); the
/// target is aliased <c>DBT_INTERNAL_DEST</c> and the new rows <c>DBT_INTERNAL_SOURCE</c>, the aliases dbt's docs use
/// in <c>incremental_predicates</c>. Unique keys are written as given (dbt does not quote them, so an expression
/// works); every other column name is quoted. Semantics from dbt-core's <c>get_delete_insert_merge_sql</c> /
/// <c>get_merge_sql</c> and dbt-duckdb's versions of them (dbt docs: "Configure incremental models").
/// </summary>
internal abstract class SqlDialect
{
    public const string Dest = "DBT_INTERNAL_DEST";

    public const string Source = "DBT_INTERNAL_SOURCE";

    /// <summary>The prefix line of the create statements: compiled SQL starts on line 2 of what is sent.</summary>
    public const int WrapperLines = 1;

    /// <summary>The statement creating (or replacing) a view over <paramref name="sql"/> (as run, and as shown in target/run).</summary>
    public abstract string ViewStatement(Relation relation, string sql);

    /// <summary>The statement creating <paramref name="relation"/> as a table from <paramref name="sql"/>.</summary>
    public abstract string TableStatement(Relation relation, string sql);

    /// <summary>The connection-local temporary table holding a model's new rows.</summary>
    public abstract Relation TempRelation(Relation target);

    /// <summary>Creates (or replaces) the temporary table from the compiled SQL; the SQL starts on line 2.</summary>
    public abstract string CreateTemp(Relation temp, string sql);

    /// <summary>Changes a column's type in place, casting the existing values (a failing cast fails the run).</summary>
    public abstract string AlterColumnType(Relation target, ColumnSchema column);

    /// <summary>
    /// Every table and view of the database with its columns, for catalog.json: rows of database, schema, name, type
    /// (<c>BASE TABLE</c> or <c>VIEW</c>), comment, column name, column index, column type, column comment, owner (null
    /// where the engine has none), ordered by relation and column.
    /// </summary>
    public abstract string CatalogQuery { get; }

    /// <summary>A connection-local temporary table named <paramref name="name"/> + <paramref name="suffix"/>.</summary>
    public abstract Relation TempTable(string name, string suffix);

    /// <summary>The relation a model is built as before it takes the model's name (<c>&lt;name&gt;__dbt_tmp</c>).</summary>
    public virtual Relation Staged(Relation relation, string suffix) => relation with { Identifier = relation.Identifier + suffix };

    /// <summary>Counts, per key column, the new rows whose key is NULL (one row, one count per key).</summary>
    public string NullKeyCounts(Relation temp, IReadOnlyList<string> uniqueKey) =>
        "select " + string.Join(", ", uniqueKey.Select(k => $"count(*) filter (where {k} is null)")) + " from " + temp;

    /// <summary>The first new row with a NULL in any key column (to show in the error).</summary>
    public string FirstNullKeyRow(Relation temp, IReadOnlyList<string> uniqueKey) =>
        $"select * from {temp} where {string.Join(" or ", uniqueKey.Select(k => $"({k}) is null"))} limit 1";

    /// <summary>delete+insert, first half: delete the target rows whose key is among the new rows (and that match every
    /// predicate), as dbt-core's <c>delete from target where (key) in (select (key) from source)</c>. A row value IN lets
    /// DuckDB push the new keys' range into the target scan as a join filter; an equivalent EXISTS was 100-250 ms slower
    /// on a 10-million-row target (bench: <c>--incremental</c>).</summary>
    public string Delete(Relation target, Relation temp, IReadOnlyList<string> uniqueKey, IReadOnlyList<string> predicates)
    {
        var keys = string.Join(", ", uniqueKey);
        return $"delete from {target} as {Dest}\nwhere ({keys}) in (select {keys} from {temp} as {Source})"
            + string.Concat(predicates.Select(p => $"\n  and ({p})"));
    }

    /// <summary>Inserts the new rows into the target, by column name.</summary>
    public string Insert(Relation target, Relation temp, IReadOnlyList<string> columns)
    {
        var list = QuotedList(columns);
        return $"insert into {target} ({list})\nselect {list} from {temp}";
    }

    /// <summary>
    /// MERGE INTO (DuckDB since 1.4, PostgreSQL since 15): matched rows are updated (all columns, or <paramref name="updateColumns"/>),
    /// the others inserted. Without a unique key the condition is <c>false</c>, so every row is inserted, as dbt-core's
    /// default merge does.
    /// </summary>
    public string Merge(Relation target, Relation temp, IReadOnlyList<string> uniqueKey, IReadOnlyList<string> predicates, IReadOnlyList<string> columns, IReadOnlyList<string> updateColumns)
    {
        var conditions = uniqueKey.Select(k => $"{Source}.{k} = {Dest}.{k}").Concat(predicates.Select(p => "(" + p + ")")).ToList();
        var on = uniqueKey.Count == 0 ? "false" : string.Join(" and ", conditions);
        var text = $"merge into {target} as {Dest}\nusing {temp} as {Source}\non {on}";
        if (uniqueKey.Count > 0 && updateColumns.Count > 0)
        {
            text += "\nwhen matched then update set " + string.Join(", ", updateColumns.Select(c => $"{Relation.Quote(c)} = {Source}.{Relation.Quote(c)}"));
        }

        return text + $"\nwhen not matched then insert ({QuotedList(columns)})\nvalues ({string.Join(", ", columns.Select(c => Source + "." + Relation.Quote(c)))})";
    }

    public string AddColumn(Relation target, ColumnSchema column) =>
        $"alter table {target} add column {Relation.Quote(column.Name)} {column.DataType}";

    public string DropColumn(Relation target, string column) =>
        $"alter table {target} drop column {Relation.Quote(column)}";

    private static string QuotedList(IEnumerable<string> columns) => string.Join(", ", columns.Select(Relation.Quote));
}
