using System.Data.Common;
using System.Globalization;

namespace Wellhouse.Serving;

/// <summary>
/// Decides, at build, which views the store computes (<see cref="ServeViews"/>): a view whose stored inputs are all
/// present and whose columns (names, order and kinds) are the ones the computation writes. Any other shape, e.g. a
/// changed model, is served from SQL and reported. Also reads the moving-average windows of int_moving_averages
/// (their names are the length and d or m, as the model builds them from the vars ma_*).
/// </summary>
internal static class ServeViewCheck
{
    public const string Daily = "mart_production_daily";
    public const string MovingAverages = "int_moving_averages";
    public const string DeclineCurves = "int_declining_curves";
    public const string DeclineForecast = "mart_decline_forecast";

    /// <summary>mart_decline_forecast: int_decline_forecast's columns, its forecast_cum_p50 made cum_p50 by adding the
    /// cumulative to date.</summary>
    public static readonly IReadOnlyList<string> DeclineForecastColumns =
    [
        "well_code", "stream", "month", "rate_p10", "rate_p50", "rate_p90", "volume_p50", "cum_p50", "uptime", "method",
    ];

    /// <summary>The columns mart_production_daily takes from int_wells; the others come from stg_well_production.</summary>
    public static readonly IReadOnlySet<string> WellAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "well_name", "well_reference", "field_code", "field_name", "currency",
    };

    public static readonly IReadOnlyList<string> MovingAverageColumns =
    [
        "well_code", "production_period", "period_type", "window", "oil_rate_avg_kbd", "gas_rate_avg_mmcfd", "water_rate_avg_kbd",
        "oil_fitted_rate_avg_kbd",
    ];

    /// <summary>int_declining_curves: the columns after rate_p90 are the fit's, as int_decline_fits stores them.</summary>
    public static readonly IReadOnlyList<string> DeclineCurveColumns =
    [
        "well_code", "stream", "production_period", "is_forecast", "actual_rate", "fitted_rate", "rate_p10", "rate_p90", "model", "qi",
        "di_nominal_per_year", "b", "dmin_per_year", "t0_date", "segment",
    ];

    public static (Dictionary<string, List<ServeViewColumn>> Computed, List<ServeWindow> Windows, List<string> Problems) Check(
        DbConnection connection, IReadOnlySet<string> stored, IReadOnlyDictionary<string, IReadOnlyDictionary<string, ServeKind>> kinds)
    {
        var computed = new Dictionary<string, List<ServeViewColumn>>(StringComparer.Ordinal);
        var problems = new List<string>();
        var windows = new List<ServeWindow>();
        var production = kinds.GetValueOrDefault("stg_well_production");
        var wells = kinds.GetValueOrDefault("int_wells");
        var fits = kinds.GetValueOrDefault("int_decline_fits");
        var forecast = kinds.GetValueOrDefault(ServeRelations.DeclineForecast);
        var monthly = kinds.GetValueOrDefault("mart_production_monthly");

        void Try(string view, Func<List<ServeViewColumn>, string?> check, params string[] inputs)
        {
            var missing = inputs.Where(input => !stored.Contains(input)).ToList();
            if (missing.Count > 0)
            {
                problems.Add($"{view}: inputs not stored ({string.Join(", ", missing)})");
                return;
            }

            List<ServeViewColumn> columns;
            try
            {
                columns = Columns(connection, view);
            }
            catch (DbException ex)
            {
                problems.Add($"{view}: {ex.Message.Split('\n')[0]}");
                return;
            }

            if (check(columns) is { } problem)
            {
                problems.Add($"{view}: {problem}");
                return;
            }

            computed[view] = columns;
        }

        Try(Daily, columns =>
        {
            foreach (var column in columns)
            {
                var source = WellAttributes.Contains(column.Name) ? wells! : production!;
                if (!source.TryGetValue(column.Name, out var kind) || kind != column.Kind)
                {
                    return $"column {column.Name} ({column.Kind}) is not a column of the same kind in its input";
                }
            }

            return null;
        }, "stg_well_production", "int_wells");

        Try(MovingAverages, columns =>
        {
            if (!columns.Select(c => c.Name).SequenceEqual(MovingAverageColumns))
            {
                return "columns differ from " + string.Join(", ", MovingAverageColumns);
            }

            if (columns[0].Kind != production!["well_code"] || columns[1].Kind != ServeKind.Date || columns[2].Kind != ServeKind.String
                || columns[3].Kind != ServeKind.String || columns.Skip(4).Any(c => c.Kind != ServeKind.Double))
            {
                return "column kinds differ";
            }

            try
            {
                windows.AddRange(Windows(connection));
            }
            catch (Exception ex) when (ex is DbException or FormatException)
            {
                return ex.Message.Split('\n')[0];
            }

            return null;
        }, "stg_well_production", "int_decline_fits", ServeRelations.DeclineForecastPoints);

        Try(DeclineCurves, columns =>
        {
            if (!columns.Select(c => c.Name).SequenceEqual(DeclineCurveColumns))
            {
                return "columns differ from " + string.Join(", ", DeclineCurveColumns);
            }

            var expected = new[] { production!["well_code"], ServeKind.String, ServeKind.Date, ServeKind.Bool, ServeKind.Double, ServeKind.Double, ServeKind.Double, ServeKind.Double }
                .Concat(DeclineCurveColumns.Skip(8).Select(name => fits!.GetValueOrDefault(name, (ServeKind)(-1))));
            return columns.Select(c => c.Kind).SequenceEqual(expected) ? null : "column kinds differ from its inputs'";
        }, "stg_well_production", "int_decline_fits", ServeRelations.DeclineForecastPoints);

        Try(DeclineForecast, columns =>
        {
            if (!columns.Select(c => c.Name).SequenceEqual(DeclineForecastColumns))
            {
                return "columns differ from " + string.Join(", ", DeclineForecastColumns);
            }

            foreach (var column in columns)
            {
                var source = column.Name == "cum_p50" ? "forecast_cum_p50" : column.Name;
                if (!forecast!.TryGetValue(source, out var kind) || kind != column.Kind)
                {
                    return $"column {column.Name} ({column.Kind}) is not {ServeRelations.DeclineForecast}.{source} of the same kind";
                }
            }

            return columns[1].Kind == ServeKind.String && columns[7].Kind == ServeKind.Double && monthly!.GetValueOrDefault("month") == ServeKind.Date
                && monthly!.GetValueOrDefault("oil_volume_kbbl") == ServeKind.Double && monthly!.GetValueOrDefault("gas_volume_mmcf") == ServeKind.Double
                ? null : "stream is not text, or mart_production_monthly's month and volumes are not a date and doubles";
        }, ServeRelations.DeclineForecast, "mart_production_monthly");

        if (!computed.ContainsKey(DeclineCurves))
        {
            // The moving averages' fitted rate is the decline curve's.
            if (computed.Remove(MovingAverages))
            {
                problems.Add($"{MovingAverages}: needs {DeclineCurves} computed");
            }
        }

        return (computed, windows, problems);
    }

    private static List<ServeViewColumn> Columns(DbConnection connection, string view)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from {view} limit 0";
        using var reader = command.ExecuteReader();
        var columns = new List<ServeViewColumn>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var kind = ServeValues.KindOf(reader.GetFieldType(i), reader.GetDataTypeName(i))
                ?? throw new InvalidDataExceptionAsDb($"column {reader.GetName(i)} has type {reader.GetDataTypeName(i)}");
            columns.Add(new ServeViewColumn(reader.GetName(i), kind));
        }

        return columns;
    }

    /// <summary>The windows of each period type, read from the view for one well of that type (cheap: a literal well
    /// code reaches the window functions; a scalar subquery in the filter does not, and computed every well's windows,
    /// 8 CPU-s at 2 M rows).</summary>
    private static IEnumerable<ServeWindow> Windows(DbConnection connection)
    {
        foreach (var (periodType, suffix) in new[] { ("day", 'd'), ("month", 'm') })
        {
            using var first = connection.CreateCommand();
            first.CommandText = $"select min(well_code) from stg_well_production where period_type = '{periodType}'";
            if (first.ExecuteScalar() is not { } code || code is DBNull)
            {
                continue;
            }

            using var command = connection.CreateCommand();
            command.CommandText = $"""
                select distinct "window" from {MovingAverages}
                where well_code = {Convert.ToInt64(code, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}
                order by "window"
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var name = reader.GetString(0);
                if (name.Length < 2 || name[^1] != suffix || !int.TryParse(name.AsSpan(0, name.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length < 1)
                {
                    throw new FormatException($"window {name} of {periodType} rows is not <length>{suffix}");
                }

                yield return new ServeWindow(name, periodType, length);
            }
        }
    }

    /// <summary>A view column of a type the store does not hold, reported like a database error.</summary>
    private sealed class InvalidDataExceptionAsDb(string message) : DbException(message);
}
