using System.Globalization;
using DuckDB.NET.Data;

namespace Wellhouse.Ingest;

/// <summary>What the bulk path of a Parquet upload stores (<see cref="ParquetBulkCheck"/>).</summary>
/// <param name="Select">The file's rows in the contract's columns and types.</param>
/// <param name="Sorted">Whether they are in well and period order already.</param>
/// <param name="ContractForm">Whether the file itself is what the copy would write (values, types and order).</param>
internal sealed record ParquetBulk(string Select, bool Sorted, bool ContractForm);

/// <summary>
/// The fast way in for a Parquet upload (issue 14: ingest at millions of rows per second): one DuckDB query checks every
/// row against <see cref="RawRowParser"/>'s rules, and when none fails, the batch is copied from the file by SQL, its
/// rows never passing through .NET. The check is conservative: it accepts only column types whose conversion is the
/// same in SQL as in the parser (integers, DOUBLE or FLOAT, DATE, TIMESTAMP, VARCHAR) and rows that the parser surely
/// accepts; anything else (another type, one doubtful row) returns null, and the caller reads the file row by row,
/// which reports each problem with its row and column as before. Both ways store the same values (tested). A file
/// already in the raw store's form (the contract's columns in order and types, no empty text, every timestamp given, in
/// well and period order, as `wellhouse generate` writes) is stored as it came, byte for byte, without a copy by SQL.
/// </summary>
internal static class ParquetBulkCheck
{
    private enum Kind
    {
        Integer,
        Number,
        Rate,
        Date,
        Timestamp,
        Text,
    }

    private static readonly Kind[] Kinds =
    [
        Kind.Integer, Kind.Text, Kind.Integer, Kind.Text, Kind.Text, Kind.Date, Kind.Number, Kind.Rate, Kind.Rate,
        Kind.Rate, Kind.Rate, Kind.Text, Kind.Text, Kind.Text, Kind.Timestamp, Kind.Timestamp,
    ];

    /// <summary>The DuckDB types of the contract's columns, in order (<see cref="BatchWriter.TableDefinition"/>).</summary>
    private static readonly string[] ContractTypes =
    [
        "INTEGER", "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "DATE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE",
        "VARCHAR", "VARCHAR", "VARCHAR", "TIMESTAMP", "TIMESTAMP",
    ];

    private static readonly string[] IntegerTypes = ["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"];

    /// <summary>
    /// What the bulk path copies: the SELECT of the file's rows in the raw contract's columns and types (empty text as
    /// NULL, missing timestamps as <paramref name="receivedAt"/>, as the parser does) and whether the file is already in
    /// well and period order (the raw store's order: then the copy need not sort it); or null when the file's types or
    /// any row need the row-by-row path. <paramref name="columns"/> are the file's column names and DuckDB types;
    /// <paramref name="map"/> maps each to its contract index (<see cref="UploadReader.MapHeader"/>).
    /// </summary>
    public static ParquetBulk? TryCheck(DuckDBConnection connection, string path, IReadOnlyList<(string Name, string Type)> columns,
        int[] map, DateTime receivedAt, IReadOnlySet<string>? knownSources)
    {
        var source = new string?[RawProductionRow.Columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            if (!Accepts(Kinds[map[i]], columns[i].Type))
            {
                return null;
            }

            source[map[i]] = Quote(columns[i].Name);
        }

        var values = new string[source.Length];
        var checks = new List<string>();
        var changes = new List<string>();
        for (var index = 0; index < source.Length; index++)
        {
            values[index] = Value(Kinds[index], source[index]);
            if (source[index] is { } column)
            {
                checks.Add(Check(Kinds[index], column, values[index]));
                if (Kinds[index] is Kind.Text or Kind.Timestamp)
                {
                    changes.Add(Kinds[index] == Kind.Text ? $"coalesce({column} = '', false)" : $"{column} is null");
                }
            }
        }

        // Required columns; the period's days; data_source known, or (no list) holding a printable ASCII character, so
        // surely not white space.
        checks.Add($"{values[0]} is not null and {values[2]} is not null and {values[5]} is not null");
        checks.Add($"({values[6]} is null or {values[6]} <= day(last_day({values[5]})))");
        checks.Add(knownSources is null
            ? $"regexp_matches({values[11]}, '[!-~]')"
            : $"{values[11]} in ({string.Join(", ", knownSources.Order(StringComparer.Ordinal).Select(SqlText.Literal).DefaultIfEmpty("NULL"))})");

        var from = $"from read_parquet({SqlText.Literal(path)})";
        var (invalid, changed) = Counts(connection, $"""
            select count(*) filter (where not coalesce({string.Join("\n and ", checks)}, false)),
                count(*) filter (where {string.Join(" or ", changes.DefaultIfEmpty("true"))})
            {from}
            """);
        if (invalid != 0)
        {
            return null;
        }

        // Adjacent rows in the file's order (file_row_number): a window over two columns costs about a third of a sort.
        var (unsorted, _) = Counts(connection, $"""
            select count(*), 0 from (
                select {values[2]} as well, {values[5]} as period,
                    lag({values[2]}) over (order by file_row_number) as previous_well,
                    lag({values[5]}) over (order by file_row_number) as previous_period
                from read_parquet({SqlText.Literal(path)}, file_row_number = true))
            where well < previous_well or (well = previous_well and period < previous_period)
            """);

        var received = $"timestamp '{receivedAt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}'";
        values[15] = $"coalesce({values[15]}, {values[14]}, {received})";
        values[14] = $"coalesce({values[14]}, {received})";
        var select = "select " + string.Join(",\n ", values.Select((value, index) => $"{value} as {RawProductionRow.Columns[index]}")) + $" {from}";
        var contractForm = changed == 0 && columns.Select(column => column.Name).SequenceEqual(RawProductionRow.Columns, StringComparer.Ordinal)
            && columns.Select(column => column.Type).SequenceEqual(ContractTypes, StringComparer.Ordinal);
        return new ParquetBulk(select, unsorted == 0, contractForm && unsorted == 0);
    }

    private static (long First, long Second) Counts(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static bool Accepts(Kind kind, string type) => kind switch
    {
        Kind.Integer => IntegerTypes.Contains(type, StringComparer.Ordinal) || type == "UBIGINT",
        Kind.Number or Kind.Rate => IntegerTypes.Contains(type, StringComparer.Ordinal) || type is "DOUBLE" or "FLOAT",
        Kind.Date => type == "DATE",
        Kind.Timestamp => type == "TIMESTAMP",
        _ => type == "VARCHAR",
    };

    /// <summary>The column's value in the contract's type (NULL when the file lacks the column).</summary>
    private static string Value(Kind kind, string? column) => kind switch
    {
        Kind.Integer => $"try_cast({column ?? "NULL"} as INTEGER)",
        Kind.Number or Kind.Rate => $"cast({column ?? "NULL"} as DOUBLE)",
        Kind.Date => column ?? "cast(NULL as DATE)",
        Kind.Timestamp => column ?? "cast(NULL as TIMESTAMP)",
        _ => column is null ? "cast(NULL as VARCHAR)" : $"nullif({column}, '')",
    };

    /// <summary>What the parser requires of a value of the kind: an integer within INTEGER, a finite number, ...</summary>
    private static string Check(Kind kind, string column, string value) => kind switch
    {
        Kind.Integer => $"({column} is null or {value} is not null)",
        Kind.Number => $"({value} is null or (isfinite({value}) and {value} >= 0))",
        Kind.Rate => $"({value} is null or (isfinite({value}) and abs({value}) <= {RawRowParser.MaxRate.ToString("R", CultureInfo.InvariantCulture)}))",
        Kind.Date => $"({value} is null or {value} between date '0001-01-01' and date '9999-12-31')",
        Kind.Timestamp => $"({value} is null or {value} between timestamp '0001-01-01' and timestamp '9999-12-31 23:59:59.999999')",
        _ => $"({value} is null or strpos({value}, chr(0)) = 0)",
    };

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
