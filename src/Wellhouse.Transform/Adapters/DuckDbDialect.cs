using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters;

/// <summary>DuckDB's create statements: <c>create or replace</c> for views and tables (a staged relation left by a
/// killed run is simply overwritten), temporary tables in the <c>temp</c> catalog.</summary>
internal sealed class DuckDbDialect : SqlDialect
{
    public static DuckDbDialect Instance { get; } = new();

    public override string ViewStatement(Relation relation, string sql) => $"create or replace view {relation} as (\n{sql}\n)";

    public override string TableStatement(Relation relation, string sql) => $"create or replace table {relation} as (\n{sql}\n)";

    public override Relation TempRelation(Relation target) => TempTable(target.Identifier, "__dbt_tmp");

    public override Relation TempTable(string name, string suffix) => new("temp", "main", name + suffix);

    public override string CreateTemp(Relation temp, string sql) =>
        $"create or replace temp table {Relation.Quote(temp.Identifier)} as (\n{sql}\n)";

    public override string AlterColumnType(Relation target, ColumnSchema column) =>
        $"alter table {target} alter column {Relation.Quote(column.Name)} set data type {column.DataType}";
}
