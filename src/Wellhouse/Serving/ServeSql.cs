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

    /// <summary>The most memory DuckDB's buffer manager may hold while a store is built (its ordered scans sort whole
    /// relations and spill past this to the database's temp directory). DuckDB's own default is 80 % of the machine's
    /// memory: at 100 M daily rows (50,000 wells x 2,000 days) the scans then grew past 24 GB and the refresh was
    /// killed for memory. The same cap as the warehouse build's profile keeps a refresh's peak near the build's.</summary>
    public const string BuildMemoryLimit = "1GB";

    /// <summary>Caps a DuckDB connection's memory for a store build (<see cref="BuildMemoryLimit"/>) when its own limit is
    /// higher, and puts the limit back when disposed: the setting belongs to the database instance, which the API may
    /// share with served reads. Other engines are left as they are (their scans run on the server).</summary>
    public static IDisposable CapMemory(DbConnection connection)
    {
        if (connection is not DuckDBConnection)
        {
            return NoCap.Instance;
        }

        var previous = MemoryLimit(connection);
        if (previous is null || Bytes(previous) <= Bytes(BuildMemoryLimit))
        {
            return NoCap.Instance;
        }

        Set(connection, BuildMemoryLimit);
        return new Cap(connection, previous);
    }

    /// <summary>Has DuckDB return a streamed scan's rows in the order the table stores them while disposed of: the
    /// setting preserve_insertion_order set true if it is not (a profile's build sets it false; the setting belongs to
    /// the database instance), and put back after. A DuckDB connection only.</summary>
    public static IDisposable KeepInsertionOrder(DbConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select value from duckdb_settings() where name = 'preserve_insertion_order'";
            if (string.Equals(Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture), "true", StringComparison.OrdinalIgnoreCase))
            {
                return NoCap.Instance;
            }
        }

        SetInsertionOrder(connection, true);
        return new InsertionOrder(connection);
    }

    private static void SetInsertionOrder(DbConnection connection, bool keep)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"set preserve_insertion_order = {(keep ? "true" : "false")}";
        command.ExecuteNonQuery();
    }

    /// <summary>The connection's DuckDB memory_limit as DuckDB shows it ("18.8 GiB").</summary>
    internal static string? MemoryLimit(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select value from duckdb_settings() where name = 'memory_limit'";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Set(DbConnection connection, string value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"set memory_limit = '{value.Replace("'", "''", StringComparison.Ordinal)}'";
        command.ExecuteNonQuery();
    }

    /// <summary>DuckDB's memory_limit text ("18.7 GiB", "953.6 MiB", "1.0 GB") in bytes; unknown text as unlimited.</summary>
    internal static double Bytes(string? text)
    {
        var match = text is null ? null : MemoryText().Match(text);
        if (match is not { Success: true } || !double.TryParse(match.Groups["n"].Value, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return double.PositiveInfinity;
        }

        var unit = match.Groups["unit"].Value.ToUpperInvariant();
        var power = unit.Length == 0 || unit == "B" ? 0 : "KMGTP".IndexOf(unit[0], StringComparison.Ordinal) + 1;
        var baseValue = unit.Contains('I', StringComparison.Ordinal) ? 1024d : 1000d;
        return number * Math.Pow(baseValue, power);
    }

    /// <summary>Puts the limit back: DuckDB's default by RESET when that is what it was (exactly), else the limit's
    /// text as DuckDB showed it (rounded to its last digit).</summary>
    private sealed class Cap(DbConnection connection, string previous) : IDisposable
    {
        public void Dispose()
        {
            using (var reset = connection.CreateCommand())
            {
                reset.CommandText = "reset memory_limit";
                reset.ExecuteNonQuery();
            }

            if (!string.Equals(MemoryLimit(connection), previous, StringComparison.Ordinal))
            {
                Set(connection, previous);
            }
        }
    }

    /// <summary>Puts preserve_insertion_order back to false.</summary>
    private sealed class InsertionOrder(DbConnection connection) : IDisposable
    {
        public void Dispose() => SetInsertionOrder(connection, false);
    }

    private sealed class NoCap : IDisposable
    {
        public static readonly NoCap Instance = new();

        public void Dispose()
        {
        }
    }

    [GeneratedRegex(@"^\s*(?<n>[0-9.]+)\s*(?<unit>[KMGTP]?i?B)?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex MemoryText();

    [GeneratedRegex(@"^select \* exclude \((?<columns>[^)]*)\) from (?<rest>.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Exclude();
}
