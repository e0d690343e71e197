using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt-duckdb's table with an enforced contract: the table is created from the .yml's columns, types and constraints
/// (<c>get_table_columns_and_constraints</c>), then filled with the model's rows in the declared column order
/// (<c>get_select_subquery</c>), so DuckDB enforces not null, unique, primary and foreign keys and checks on them.
/// </summary>
internal static class ConstrainedTable
{
    public static IReadOnlyList<string> Statements(Node node, Relation relation, string sql)
    {
        var columns = node.Columns.Values.ToList();
        var definitions = columns
            .Select(c => "    " + Relation.Quote(c.Name) + " " + c.DataType + string.Concat(c.Constraints.Select(k => k.RenderForColumn()).OfType<string>().Select(k => " " + k)))
            .Concat(node.Constraints.Select(c => c.RenderForModel()).OfType<string>().Select(c => "    " + c));
        var names = string.Join(", ", columns.Select(c => Relation.Quote(c.Name)));
        return
        [
            $"drop table if exists {relation}",
            $"create table {relation} (\n{string.Join(",\n", definitions)}\n)",
            $"insert into {relation} ({names}) (\n    select {names} from (\n{sql}\n    ) as model_subq\n)",
        ];
    }
}
