using System.Globalization;
using Wellhouse.Decline;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>The staged periods of every well as monthly histories of oil and gas, per data source, for the population
/// models (int_population_forecast, mart_decline_hindcast).</summary>
internal static class StagedHistories
{
    /// <summary>The streams, in the order of <see cref="Source.Histories"/>.</summary>
    public static IReadOnlyList<string> Streams { get; } = ["oil", "gas"];

    /// <summary>One data source's wells as oil and gas monthly histories of the months before its as-of month (in
    /// well-code order), and its as-of date (int_well_status.data_as_of_date: the population forecast reads the months
    /// before its month and forecasts from int_well_status.forecast_from_month, <see cref="PopulationForecaster.Forecast"/>);
    /// <see cref="Wells"/> holds the same histories by well.</summary>
    public sealed record Source(string DataSource, DateOnly AsOf, List<MonthlyHistory>[] Histories, List<Well> Wells)
    {
        /// <summary>The first day of the as-of date's month: the first month the histories leave out, the as-of date
        /// of the hindcast's comparisons.</summary>
        public DateOnly AsOfMonth => new(AsOf.Year, AsOf.Month, 1);
    }

    /// <summary>A well's code and its histories, in the order of <see cref="Streams"/>.</summary>
    public sealed record Well(int Code, MonthlyHistory[] Histories);

    /// <summary>Reads the staged periods of every well before its data source's as-of month (int_well_status), by data
    /// source and well, into monthly histories (the same summing as the CLI's, <see cref="MonthlyHistoryBuilder"/>), on
    /// the reader's own connection: a well without such a period has a history of no month from the as-of month (it is
    /// forecast with its reason, as the CLI forecasts it from its rows). The population models read no later month, so
    /// a new day inside the as-of month changes no history (docs/warehouse.md, "New rows only"). The wells of <paramref name="kept"/>
    /// (int_population_forecast's kept histories, <see cref="PopulationHistories"/>) are not read again: only the other
    /// wells' staged rows are.</summary>
    public static List<Source> Read(CSharpModelContext context, CancellationToken cancellationToken,
        IReadOnlyDictionary<int, MonthlyHistory[]>? kept = null)
    {
        var wells = new List<(string DataSource, DateOnly AsOf, int Code)>();
        var until = new Dictionary<int, DateOnly>();
        using (var reader = context.Read(
            $"""
            select data_source, data_as_of_date, well_code
            from {context.Ref("int_well_status")}
            where forecast_from_month is not null
            order by data_source, well_code
            """,
            cancellationToken))
        {
            while (reader.Read())
            {
                var asOf = reader.GetDate(1);
                wells.Add((reader.IsNull(0) ? "" : reader.GetString(0), asOf, reader.GetInt32(2)));
                until[reader.GetInt32(2)] = new DateOnly(asOf.Year, asOf.Month, 1);
            }
        }

        var read = new Dictionary<int, MonthlyHistory[]>();
        var toRead = kept is null ? null : wells.Select(well => well.Code).Where(code => !kept.ContainsKey(code)).Order().ToList();
        if (toRead is null)
        {
            // Every well: in stg_well_production_accepted's stored order, the wells without a forecast month skipped
            // here rather than by a join (WellOrderedRows); sorted when the rows are not stored in well order.
            var forecast = wells.Select(well => well.Code).ToHashSet();
            try
            {
                ReadPeriods(context, string.Empty, forecast, until, sorted: false, read, cancellationToken);
            }
            catch (WellOrderException)
            {
                read.Clear();
                ReadPeriods(context, string.Empty, forecast, until, sorted: true, read, cancellationToken);
            }
        }
        else if (toRead.Count > 0)
        {
            var filter = $"where well_code in ({string.Join(", ", toRead.Select(code => code.ToString(CultureInfo.InvariantCulture)))})";
            ReadPeriods(context, filter, wells: null, until, sorted: true, read, cancellationToken);
        }

        var sources = new List<Source>();
        foreach (var (dataSource, asOf, code) in wells)
        {
            // A well without staged periods has no history (and is not forecast).
            if (!read.TryGetValue(code, out var histories) && (kept is null || !kept.TryGetValue(code, out histories)))
            {
                continue;
            }

            if (sources.Count == 0 || sources[^1].DataSource != dataSource)
            {
                sources.Add(new Source(dataSource, asOf, [[], []], []));
            }

            var source = sources[^1];
            for (var s = 0; s < histories.Length; s++)
            {
                source.Histories[s].Add(histories[s]);
            }

            source.Wells.Add(new Well(code, histories));
        }

        return sources;
    }

    /// <summary>Whether any data source has an as-of date for a hindcast of <paramref name="longest"/> months
    /// (<see cref="Hindcast.AsOfDatesBefore"/> of its histories is not empty), from each source's first period and
    /// as-of month alone, without reading the periods.</summary>
    public static bool AnyAsOfDates(CSharpModelContext context, int longest, CancellationToken cancellationToken)
    {
        using var reader = context.Read(
            $"""
            select cast(date_trunc('month', status.data_as_of_date) as date), min(production.production_period)
            from {context.Ref("stg_well_production")} as production
            inner join {context.Ref("int_well_status")} as status
                on production.well_code = status.well_code
            where status.forecast_from_month is not null
            group by status.data_source, status.data_as_of_date
            """,
            cancellationToken);
        var any = false;
        while (reader.Read())
        {
            var first = new MonthlyHistory("first", reader.GetDate(1), [0.0], [double.NaN]);
            any |= Hindcast.AsOfDatesBefore([first], reader.GetDate(0), longest).Count > 0;
        }

        return any;
    }

    /// <summary>Sums the staged periods of the wells of <paramref name="filter"/> (every well when empty; of those only
    /// the ones in <paramref name="wells"/> when given) before each well's month of <paramref name="until"/> into
    /// monthly histories, well by well.</summary>
    private static void ReadPeriods(CSharpModelContext context, string filter, HashSet<int>? wells,
        Dictionary<int, DateOnly> until, bool sorted, Dictionary<int, MonthlyHistory[]> read, CancellationToken cancellationToken)
    {
        using var rows = WellOrderedRows.Open(
            context,
            "well_code, production_period, period_days, days_on_production, oil_volume_kbbl, gas_volume_mmcf",
            context.Ref("stg_well_production").ToString(),
            filter,
            sorted,
            cancellationToken);
        var reader = rows.Rows;
        MonthlyHistoryBuilder[]? well = null;
        var wellCode = int.MinValue;
        var wellUntil = DateOnly.MinValue;
        while (rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var code = reader.GetInt32(0);
            if (code != wellCode)
            {
                Close(well, wellCode, wellUntil, read);
                wellCode = code;
                // A well without an as-of date (none in int_well_status) is not forecast.
                var skip = (wells is not null && !wells.Contains(code)) || !until.TryGetValue(code, out wellUntil);
                var id = code.ToString(CultureInfo.InvariantCulture);
                well = skip ? null : [new MonthlyHistoryBuilder(id), new MonthlyHistoryBuilder(id)];
            }

            if (well is null)
            {
                continue;
            }

            var period = reader.GetDate(1);
            if (period >= wellUntil)
            {
                continue;
            }
            var periodDays = reader.GetDouble(2);
            var daysOn = reader.GetNullableDouble(3);
            well[0].Add(period, reader.IsNull(4) ? 0 : reader.GetDouble(4), daysOn, periodDays);
            well[1].Add(period, reader.IsNull(5) ? 0 : reader.GetDouble(5), daysOn, periodDays);
        }

        Close(well, wellCode, wellUntil, read);
    }

    /// <summary>The well's histories; of no month, from <paramref name="until"/>, when it has no period before it.</summary>
    private static void Close(MonthlyHistoryBuilder[]? well, int code, DateOnly until, Dictionary<int, MonthlyHistory[]> read)
    {
        if (well is not null)
        {
            read[code] = [.. well.Select(stream => stream.Build() ?? new MonthlyHistory(code.ToString(CultureInfo.InvariantCulture), until, [], []))];
        }
    }
}
