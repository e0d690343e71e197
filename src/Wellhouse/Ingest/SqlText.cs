namespace Wellhouse.Ingest;

/// <summary>SQL text for the few places that cannot take a parameter (file paths in COPY and read_parquet).</summary>
internal static class SqlText
{
    /// <summary>A single-quoted SQL string literal (quotes doubled, per the SQL standard).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A DuckDB list literal of string literals, e.g. for read_parquet([...]).</summary>
    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Literal)) + "]";
}
