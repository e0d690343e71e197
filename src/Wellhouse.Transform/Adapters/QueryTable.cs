using System.Data.Common;

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

    /// <summary>
    /// Reads a whole result (the reader loop of every adapter): names and the provider's type names, then each row,
    /// NULL as null and other values as <paramref name="value"/> reads them (given the reader, ordinal and type name).
    /// </summary>
    public static QueryTable Read<TReader>(TReader reader, Func<TReader, int, string, object?> value)
        where TReader : DbDataReader
    {
        var names = new string[reader.FieldCount];
        var types = new string[reader.FieldCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i);
            types[i] = reader.GetDataTypeName(i);
        }

        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[names.Length];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : value(reader, i, types[i]);
            }

            rows.Add(row);
        }

        return new QueryTable(names, types, rows);
    }
}
