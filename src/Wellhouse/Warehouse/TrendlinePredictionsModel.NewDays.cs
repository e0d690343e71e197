using System.Globalization;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Warehouse;

/// <summary>
/// An incremental refresh's day wells whose new rows lie in the data's as-of month (docs/warehouse.md, "New rows only"):
/// each new point is scored against the points before it (<see cref="CausalTrend"/>), which it does not change, so the
/// well's stored rows are kept and the new points' rows appended: the rows a full build writes for them. Read for it:
/// the well's input rows and stored rows from <see cref="LookbackDays"/> before the earliest new row on; a stream with
/// fewer than <see cref="Neighbors"/> points before its new ones there (a gap, a young stream) is read again from its
/// first period.
/// </summary>
internal sealed partial class TrendlinePredictionsModel
{
    /// <summary>Days read before the earliest new row: the <see cref="Neighbors"/> points before a new point, with room
    /// for days without production.</summary>
    private const int LookbackDays = 45;

    /// <summary>
    /// Appends the new points' rows of the day wells that keep their rows (<c>int_refresh_wells.new_from</c> in the as-of
    /// month) and returns the wells among them whose stored rows do not match their input before the new rows (rows
    /// missing or extra): those are to be fitted again whole, as a full build would (a warning in the run log).
    /// </summary>
    private static List<int> AppendNewDays(CSharpModelContext context, double minSigma, CancellationToken cancellationToken)
    {
        var keptWells = $"""
            select refresh.well_code, refresh.new_from
            from {context.Ref("int_refresh_wells")} as refresh
            inner join {context.Ref("int_well_status")} as status
                on refresh.well_code = status.well_code
            where refresh.new_from is not null and status.data_as_of_date is not null
                and refresh.new_from >= {DeclineFitsModel.FittedUntil("status")}
            """;
        var newFrom = new Dictionary<int, DateOnly>();
        using (var kept = context.Read(keptWells, cancellationToken))
        {
            while (kept.Read())
            {
                newFrom[kept.GetInt32(0)] = kept.GetDate(1);
            }
        }

        var refit = new List<int>();
        if (newFrom.Count == 0)
        {
            return refit;
        }

        var @short = new List<int>();
        using (var writer = context.OpenWriter(Columns))
        {
            var lookback = newFrom.Values.Min().AddDays(-LookbackDays);
            ScoreNewDays(context, newFrom, $"select well_code from ({keptWells}) as kept", lookback, writer, minSigma, @short, refit, cancellationToken);
            if (@short.Count > 0)
            {
                var list = string.Join(", ", @short.Select(well => well.ToString(CultureInfo.InvariantCulture)));
                ScoreNewDays(context, newFrom, list, null, writer, minSigma, [], refit, cancellationToken);
            }

            writer.Complete();
        }

        if (refit.Count > 0)
        {
            context.Log?.Invoke(
                $"ml_predictions_raw: the stored rows of {refit.Count} day well(s) do not match int_ml_trendlines_input before their new rows "
                + $"(first: well {refit.Min()}); fitting them again whole");
        }

        return refit;
    }

    /// <summary>Scores and appends the new points of the wells <paramref name="wells"/> selects (a query or a list of
    /// codes, for <c>well_code in (...)</c>), reading from <paramref name="lookback"/>
    /// on (from the first period when null). A well with a stream of fewer than <see cref="Neighbors"/> points before
    /// its new ones read (when <paramref name="lookback"/> is set) goes to <paramref name="short"/>, one whose stored
    /// rows do not match its input to <paramref name="refit"/>; neither gets a row here.</summary>
    private static void ScoreNewDays(
        CSharpModelContext context, Dictionary<int, DateOnly> newFrom, string wells, DateOnly? lookback, ModelWriter writer,
        double minSigma, List<int> @short, List<int> refit, CancellationToken cancellationToken)
    {
        var since = lookback is { } from ? $" and production_period >= cast('{from:yyyy-MM-dd}' as date)" : string.Empty;
        using var input = context.Read(
            $"""
            select well_code, production_period, oil_producing_rate_kbd, gas_producing_rate_mmcfd, water_producing_rate_kbd, uptime_weight
            from {context.Ref("int_ml_trendlines_input")}
            where well_code in ({wells}){since}
            order by well_code, production_period
            """,
            cancellationToken);
        using var stored = context.Read(
            $"""
            select well_code, cast(stream as varchar), production_period, trend_rate, residual_sigma
            from {context.Target}
            where well_code in ({wells}){since}
            order by well_code, production_period
            """,
            cancellationToken);
        var storedRows = new StoredRows(stored);
        var rows = new List<(int Day, double?[] Rates, double Weight)>();
        var hasRow = input.Read();
        while (hasRow)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var well = input.GetInt32(0);
            rows.Clear();
            while (hasRow && input.GetInt32(0) == well)
            {
                var rates = new double?[Streams.Length];
                for (var s = 0; s < Streams.Length; s++)
                {
                    rates[s] = input.GetNullableDouble(2 + s);
                }

                rows.Add((input.GetDate(1).DayNumber, rates, input.IsNull(5) ? 1 : input.GetDouble(5)));
                hasRow = input.Read();
            }

            var trends = storedRows.Of(well);
            switch (ScoreWell(newFrom[well].DayNumber, rows, trends, lookback is not null, minSigma, out var scored))
            {
                case WellScore.Short:
                    @short.Add(well);
                    break;
                case WellScore.Mismatch:
                    refit.Add(well);
                    break;
                default:
                    foreach (var (stream, day, trend, sigma) in scored)
                    {
                        writer.StartRow();
                        writer.Write(well);
                        writer.WriteEnum(stream);
                        writer.Write(DateOnly.FromDayNumber(day));
                        writer.Write(trend);
                        writer.Write(sigma);
                    }

                    break;
            }
        }
    }

    private enum WellScore
    {
        Scored,
        Short,
        Mismatch,
    }

    /// <summary>One well's new points, per stream: the points are the input rows with a rate above zero (or NaN, as
    /// <see cref="ReadWells"/> takes them), those before <paramref name="newFrom"/> the stored ones, each with its stored
    /// trend; each new point is scored on the up to <see cref="Neighbors"/> points before it, the earlier new points with
    /// the trends just computed, as <see cref="Fit"/> does in a full build.</summary>
    private static WellScore ScoreWell(
        int newFrom, List<(int Day, double?[] Rates, double Weight)> rows, List<(int Stream, int Day, double Trend, double Sigma)> stored,
        bool lookback, double minSigma, out List<(int Stream, int Day, double Trend, double Sigma)> scored)
    {
        scored = [];
        for (var s = 0; s < Streams.Length; s++)
        {
            var days = new List<int>();
            var y = new List<double>();
            var weights = new List<double>();
            var rates = new List<double>();
            foreach (var row in rows)
            {
                if (row.Rates[s] is { } rate && (rate > 0 || double.IsNaN(rate)))
                {
                    days.Add(row.Day);
                    rates.Add(rate);
                    y.Add(Math.Log(rate));
                    weights.Add(Weight(row.Weight));
                }
            }

            var earlier = days.Count(day => day < newFrom);
            var trends = stored.Where(row => row.Stream == s).ToList();
            if (trends.Count != earlier || trends.Where((row, i) => row.Day != days[i]).Any())
            {
                return WellScore.Mismatch;
            }

            if (earlier == days.Count)
            {
                continue;
            }

            if (lookback && earlier < Neighbors)
            {
                return WellScore.Short;
            }

            // Every row of a series holds its sigma; a series without a row before its new points has no fitted period
            // (the floor).
            var sigma = trends.Count > 0 ? trends[0].Sigma : minSigma;
            var logTrend = new double[days.Count];
            for (var i = 0; i < earlier; i++)
            {
                logTrend[i] = Math.Log(trends[i].Trend);
            }

            var dayArray = days.ToArray();
            var yArray = y.ToArray();
            var weightArray = weights.ToArray();
            for (var i = earlier; i < days.Count; i++)
            {
                var first = Math.Max(0, i - Neighbors);
                var trend = CausalTrend(
                    dayArray.AsSpan(first, i - first), yArray.AsSpan(first, i - first), weightArray.AsSpan(first, i - first),
                    logTrend.AsSpan(first, i - first), dayArray[i], rates[i], sigma);
                logTrend[i] = Math.Log(trend);
                scored.Add((s, dayArray[i], trend, sigma));
            }
        }

        return WellScore.Scored;
    }

    /// <summary>The stored rows of ml_predictions_raw in well and period order, taken a well at a time.</summary>
    private sealed class StoredRows(ModelReader reader)
    {
        private bool hasRow = reader.Read();

        /// <summary>The rows of <paramref name="well"/> (skipping those of wells before it), in period order.</summary>
        public List<(int Stream, int Day, double Trend, double Sigma)> Of(int well)
        {
            var rows = new List<(int Stream, int Day, double Trend, double Sigma)>();
            while (hasRow && reader.GetInt32(0) < well)
            {
                hasRow = reader.Read();
            }

            while (hasRow && reader.GetInt32(0) == well)
            {
                rows.Add((Array.IndexOf(Streams, reader.GetString(1)), reader.GetDate(2).DayNumber, reader.GetDouble(3), reader.GetDouble(4)));
                hasRow = reader.Read();
            }

            return rows;
        }
    }
}
