using DuckDB.NET.Data;

namespace Wellhouse.Transform.Adapters;

/// <summary>Statements whose whole result is read: rows for the engine (Query), and with column names and types for a
/// template (Fetch).</summary>
internal sealed partial class DuckDbSession
{
    public QueryTable Fetch(string sql, CancellationToken cancellationToken = default) =>
        Read(sql, keepOffsets: true, cancellationToken);

    /// <summary>Runs a statement and reads its whole result (the one reader loop behind Query and Fetch).</summary>
    private QueryTable Read(string sql, bool keepOffsets, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Comment?.Apply(sql) ?? sql;
        using var registration = cancellationToken.Register(command.Cancel);
        try
        {
            using var reader = command.ExecuteReader();
            return keepOffsets ? QueryTable.Read(reader, ReadValue) : QueryTable.Read(reader, static (r, i, _) => r.GetValue(i));
        }
        catch (DuckDBException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Wrap(ex, sql);
        }
    }

    /// <summary>As the provider returns values (DATE as DateOnly, TIME as TimeOnly, INTERVAL as TimeSpan), except that
    /// TIMESTAMPTZ keeps its offset (the provider's type names are its enum's: <c>TimestampTz</c>).</summary>
    private static object? ReadValue(DuckDBDataReader reader, int ordinal, string type) => type switch
    {
        "TimestampTz" => reader.GetFieldValue<DateTimeOffset>(ordinal),
        _ => reader.GetValue(ordinal),
    };
}
