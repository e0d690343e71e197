using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters;

/// <summary>DuckDB's create statements: <c>create or replace</c> for views and tables (a staged relation left by a
/// killed run is simply overwritten), temporary tables in the <c>temp</c> catalog.</summary>
internal sealed class DuckDbDialect : SqlDialect
{
    public static DuckDbDialect Instance { get; } = new();

    /// <summary>dbt-duckdb's <c>duckdb__get_catalog</c> sources: <c>duckdb_tables()</c>, <c>duckdb_views()</c> and
    /// <c>duckdb_columns()</c> (owner NULL).</summary>
    public override string CatalogQuery => """
        with relations as (
            select database_name, schema_name, table_name, 'BASE TABLE' as table_type, comment from duckdb_tables()
            union all
            select database_name, schema_name, view_name, 'VIEW', comment from duckdb_views() where not internal
        )
        select r.database_name, r.schema_name, r.table_name, r.table_type, r.comment,
               c.column_name, c.column_index, c.data_type, c.comment, null as owner
        from relations r
        join duckdb_columns() c
          on c.database_name = r.database_name and c.schema_name = r.schema_name and c.table_name = r.table_name
        order by r.database_name, r.schema_name, r.table_name, c.column_index
        """;

    public override string ViewStatement(Relation relation, string sql) => $"create or replace view {relation} as (\n{sql}\n)";

    public override string TableStatement(Relation relation, string sql) => $"create or replace table {relation} as (\n{sql}\n)";

    public override Relation TempRelation(Relation target) => TempTable(target.Identifier, "__dbt_tmp");

    public override Relation TempTable(string name, string suffix) => new("temp", "main", name + suffix);

    public override string CreateTemp(Relation temp, string sql) =>
        $"create or replace temp table {Relation.Quote(temp.Identifier)} as (\n{sql}\n)";

    public override string AlterColumnType(Relation target, ColumnSchema column) =>
        $"alter table {target} alter column {Relation.Quote(column.Name)} set data type {column.DataType}";
}
