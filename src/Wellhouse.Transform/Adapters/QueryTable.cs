namespace Wellhouse.Transform.Adapters;

/// <summary>
/// The result of a statement run for a template (dbt's <c>run_query</c>, <c>statement</c>, <c>adapter.execute</c>):
/// column names and database type names in select order, the rows as plain CLR values (DATE as <see cref="DateOnly"/>,
/// TIME as <see cref="TimeOnly"/>, INTERVAL as <see cref="TimeSpan"/>, NULL as null), and the rows a DML statement
/// affected when the database reports them.
/// </summary>
internal sealed record QueryTable(IReadOnlyList<string> ColumnNames, IReadOnlyList<string> ColumnTypes, IReadOnlyList<object?[]> Rows, long? RowsAffected)
{
    public static QueryTable Empty { get; } = new([], [], [], null);
}
