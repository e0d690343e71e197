namespace Wellhouse.Transform.Adapters;

/// <summary>
/// The result of a statement run for a template (dbt's <c>run_query</c>, <c>statement</c>, <c>adapter.execute</c>):
/// column names and the provider's type names in select order, the rows as CLR values (DATE as <see cref="DateOnly"/>,
/// TIME as <see cref="TimeOnly"/>, INTERVAL as <see cref="TimeSpan"/>, TIMESTAMPTZ as <see cref="DateTimeOffset"/>,
/// NULL as null). A statement without a result set (DDL, DML) has no columns.
/// </summary>
internal sealed record QueryTable(IReadOnlyList<string> ColumnNames, IReadOnlyList<string> ColumnTypes, IReadOnlyList<object?[]> Rows)
{
    public static QueryTable Empty { get; } = new([], [], []);
}
