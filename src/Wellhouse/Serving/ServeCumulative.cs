using System.Data.Common;

namespace Wellhouse.Serving;

/// <summary>
/// int_production_cumsum without storing what it copies (well, period, period type and volumes: six of its ten columns,
/// a fifth of the store at 10 M rows): its rows are stg_well_production's, so only its running sums are stored
/// (<see cref="Sums"/>, in the same row order) and the other columns are read from stg_well_production. Only when the
/// build has checked that both tables have the same rows and copied values (<see cref="Check"/>); otherwise the table
/// is stored as it is. The running sums themselves are stored, not recomputed: DuckDB's windowed sums add in another
/// order than a sequential sum (they differ in the last bit, measured on the generated wells).
/// </summary>
internal static class ServeCumulative
{
    public const string Relation = "int_production_cumsum";

    /// <summary>The stored part: the running sums, ordered as stg_well_production.</summary>
    public const string Sums = "int_production_cumsum__sums";

    public const string SumsSql =
        "select well_code, cum_oil_kbbl, cum_gas_mmcf, cum_water_kbbl, cum_days_on_production from int_production_cumsum order by well_code, production_period";

    /// <summary>The table's columns: the first six are stg_well_production's, the running sums follow.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "well_code", "production_period", "period_type", "oil_volume_kbbl", "gas_volume_mmcf", "water_volume_kbbl",
        "cum_oil_kbbl", "cum_gas_mmcf", "cum_water_kbbl", "cum_days_on_production",
    ];

    private static readonly string[] Copied = ["oil_volume_kbbl", "gas_volume_mmcf", "water_volume_kbbl"];

    /// <summary>
    /// Whether int_production_cumsum has stg_well_production's rows (joined on well and period) with the same copied
    /// values. Returns the table's columns when it has, or the first difference.
    /// </summary>
    public static (List<ServeViewColumn>? Columns, string? Problem) Check(DbConnection connection)
    {
        List<ServeViewColumn> columns;
        using (var shape = connection.CreateCommand())
        {
            shape.CommandText = $"select * from {Relation} limit 0";
            using var reader = shape.ExecuteReader();
            columns = [];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (ServeValues.KindOf(reader.GetFieldType(i), reader.GetDataTypeName(i)) is not { } kind)
                {
                    return (null, $"column {reader.GetName(i)} has type {reader.GetDataTypeName(i)}");
                }

                columns.Add(new ServeViewColumn(reader.GetName(i), kind));
            }
        }

        if (!columns.Select(c => c.Name).SequenceEqual(Columns) || columns.Skip(3).Any(c => c.Kind != ServeKind.Double)
            || columns[1].Kind != ServeKind.Date || columns[2].Kind != ServeKind.String)
        {
            return (null, "columns differ from " + string.Join(", ", Columns));
        }

        // In DuckDB, which returns the first difference only (reading the joined rows into .NET cost 2.4 CPU-s at 2 M rows).
        static string Differs(string column) =>
            $"coalesce(s.{column} is distinct from c.{column} or signbit(s.{column}) <> signbit(c.{column}), false)";
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select s.well_code, c.well_code, s.period_type is distinct from c.period_type,
                {string.Join(", ", Copied.Select(Differs))}
            from stg_well_production s
            full outer join {Relation} c on s.well_code = c.well_code and s.production_period = c.production_period
            where s.well_code is null or c.well_code is null or s.period_type is distinct from c.period_type
                or {string.Join(" or ", Copied.Select(Differs))}
            limit 1
            """;
        using var rows = command.ExecuteReader();
        if (rows.Read())
        {
            if (rows.IsDBNull(0) || rows.IsDBNull(1))
            {
                return (null, $"well {(rows.IsDBNull(0) ? rows.GetValue(1) : rows.GetValue(0))}: a period of one table is not in the other");
            }

            var differing = rows.GetBoolean(2) ? "period_type" : Copied.Where((_, i) => rows.GetBoolean(3 + i)).First();
            return (null, $"well {rows.GetValue(0)}: {differing} differs");
        }

        return (columns, null);
    }

    /// <summary>int_production_cumsum for a well (null when the store does not hold it this way), rows in a date range.</summary>
    public static SeriesTable? Compute(ServeStore store, int wellCode, DateOnly? from, DateOnly? to)
    {
        if (store.Computed(Relation) is not { } columns || store.Relation("stg_well_production") is not { } production
            || store.Relation(Sums) is not { } sums)
        {
            return null;
        }

        var (start, end) = production.Range(wellCode);
        var (sumsStart, sumsEnd) = sums.Range(wellCode);
        if (sumsEnd - sumsStart != end - start)
        {
            return null; // cannot happen for a store that passed the check; SQL answers if it does
        }

        var period = production["production_period"];
        var (low, high) = ServeSeries.Bounds(ServeKind.Date, from, to);
        var rows = new int[end - start];
        var count = 0;
        for (var row = start; row < end; row++)
        {
            if (ServeSeries.InRange(period, row, low, high))
            {
                rows[count++] = row;
            }
        }

        var selected = rows[..count];
        var sumRows = selected.Select(row => row - start + sumsStart).ToArray();
        var table = new SeriesTable(count);
        foreach (var column in columns)
        {
            table.Add(sums.Column(column.Name) is { } sum ? new StoredColumn(sum, sumRows) : new StoredColumn(production[column.Name], selected));
        }

        return table;
    }
}
