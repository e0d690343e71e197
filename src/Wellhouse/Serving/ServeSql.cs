using System.Data.Common;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;

namespace Wellhouse.Serving;

/// <summary>
/// The serving store's scans on an engine other than DuckDB (a snapshot on PostgreSQL): DuckDB's
/// <c>select * exclude (a, b) from ...</c> becomes a select of the relation's other columns, read from the relation,
/// and <c>signbit</c> a test of the value's text. On DuckDB the SQL is left as it is.
/// </summary>
internal static partial class ServeSql
{
    public static string Portable(DbConnection connection, string sql)
    {
        if (connection is DuckDBConnection || Exclude().Match(sql) is not { Success: true } match)
        {
            return sql;
        }

        var excluded = match.Groups["columns"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(column => column.Trim('"')).ToHashSet(StringComparer.Ordinal);
        var rest = match.Groups["rest"].Value;
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from {rest} limit 0";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Where(column => !excluded.Contains(column))
            .Select(column => "\"" + column.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
        return $"select {string.Join(", ", columns)} from {rest}";
    }

    /// <summary>Whether the sign bit of a double is set (-0 included): DuckDB's <c>signbit</c>; elsewhere from the
    /// value's text, which keeps the sign of -0 (PostgreSQL prints <c>-0</c>).</summary>
    public static string SignBit(DbConnection connection, string expression) => connection is DuckDBConnection
        ? $"signbit({expression})"
        : $"(cast({expression} as text) like '-%')";

    [GeneratedRegex(@"^select \* exclude \((?<columns>[^)]*)\) from (?<rest>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Exclude();
}
