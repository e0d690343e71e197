namespace Wellhouse.Transform.Adapters;

/// <summary>
/// A database error in terms the engine can report: the database's message, and where possible the 1-based line of
/// the SQL text that failed (from DuckDB's <c>LINE n:</c> marker or its character position).
/// </summary>
public sealed class AdapterException : Exception
{
    public AdapterException()
    {
    }

    public AdapterException(string message)
        : base(message)
    {
    }

    public AdapterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AdapterException(string message, string? sql, int? line, Exception? innerException)
        : base(message, innerException)
    {
        Sql = sql;
        Line = line;
    }

    /// <summary>The SQL statement that failed, as sent to the database.</summary>
    public string? Sql { get; }

    /// <summary>1-based line in <see cref="Sql"/> of the error, when the database reported one.</summary>
    public int? Line { get; }
}
