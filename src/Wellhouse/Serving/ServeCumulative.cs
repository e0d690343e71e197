using System.Data.Common;

namespace Wellhouse.Serving;

/// <summary>
/// int_production_cumsum computed from stg_well_production's stored rows, not stored (its ten columns were a fifth of
/// the store at 10 M rows, and scanning the view, whose windows DuckDB computes for every well, was the build's
/// costliest scan): its rows are stg_well_production's, its volumes copied, and its running sums are the sums of the
/// well's volumes (NULL as 0) in period order, added one period after another. DuckDB adds a window's running sum in
/// the order of each query's plan (a well read alone and the same well in a scan of every well can differ in the last
/// bit), so the API's SQL path and this computation agree to rounding, as the other computed views do; a computed sum
/// is the same whatever else the snapshot holds, so a store built incrementally answers what a full build does.
/// The build checks the view's columns (<see cref="Check"/>); another shape is stored as it is.
/// </summary>
internal static class ServeCumulative
{
    public const string Relation = "int_production_cumsum";

    /// <summary>The table's columns: the first six are stg_well_production's, the running sums follow.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "well_code", "production_period", "period_type", "oil_volume_kbbl", "gas_volume_mmcf", "water_volume_kbbl",
        "cum_oil_kbbl", "cum_gas_mmcf", "cum_water_kbbl", "cum_days_on_production",
    ];

    /// <summary>Each running sum and the stg_well_production column it adds up.</summary>
    private static readonly (string Sum, string Source)[] Sums =
    [
        ("cum_oil_kbbl", "oil_volume_kbbl"), ("cum_gas_mmcf", "gas_volume_mmcf"), ("cum_water_kbbl", "water_volume_kbbl"),
        ("cum_days_on_production", "days_on_production"),
    ];

    /// <summary>The view's columns when they are the ones the computation writes (names, order and kinds), or why not.</summary>
    public static (List<ServeViewColumn>? Columns, string? Problem) Check(DbConnection connection)
    {
        var columns = new List<ServeViewColumn>();
        try
        {
            using var shape = connection.CreateCommand();
            shape.CommandText = $"select * from {Relation} limit 0";
            using var reader = shape.ExecuteReader();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (ServeValues.KindOf(reader.GetFieldType(i), reader.GetDataTypeName(i)) is not { } kind)
                {
                    return (null, $"column {reader.GetName(i)} has type {reader.GetDataTypeName(i)}");
                }

                columns.Add(new ServeViewColumn(reader.GetName(i), kind));
            }
        }
        catch (DbException ex)
        {
            return (null, ex.Message.Split('\n')[0]);
        }

        if (!columns.Select(c => c.Name).SequenceEqual(Columns) || columns.Skip(3).Any(c => c.Kind != ServeKind.Double)
            || columns[1].Kind != ServeKind.Date || columns[2].Kind != ServeKind.String)
        {
            return (null, "columns differ from " + string.Join(", ", Columns));
        }

        return (columns, null);
    }

    /// <summary>int_production_cumsum for a well (null when the store does not compute it), rows in a date range; the
    /// sums run from the well's first period whatever the range.</summary>
    public static SeriesTable? Compute(ServeStore store, int wellCode, DateOnly? from, DateOnly? to)
    {
        if (store.Computed(Relation) is not { } columns || store.Relation("stg_well_production") is not { } production
            || Sums.Any(sum => production.Column(sum.Source) is not { Kind: ServeKind.Double }))
        {
            return null;
        }

        var (start, end) = production.Range(wellCode);
        var period = production["production_period"];
        var (low, high) = ServeSeries.Bounds(ServeKind.Date, from, to);
        var sources = Sums.Select(sum => production[sum.Source]).ToArray();
        var running = new double[sources.Length];
        var values = sources.Select(_ => new double?[end - start]).ToArray();
        var rows = new int[end - start];
        var count = 0;
        for (var row = start; row < end; row++)
        {
            for (var i = 0; i < sources.Length; i++)
            {
                running[i] += sources[i].IsNull(row) ? 0 : sources[i].Double(row);
            }

            if (ServeSeries.InRange(period, row, low, high))
            {
                for (var i = 0; i < sources.Length; i++)
                {
                    values[i][count] = running[i];
                }

                rows[count++] = row;
            }
        }

        var selected = rows[..count];
        var table = new SeriesTable(count);
        foreach (var column in columns)
        {
            var sum = Array.FindIndex(Sums, s => s.Sum == column.Name);
            table.Add(sum >= 0 ? ArrayColumn.Doubles(column.Name, values[sum][..count]) : new StoredColumn(production[column.Name], selected));
        }

        return table;
    }
}
