using System.Globalization;
using nietras.SeparatedValues;
using Wellhouse.Decline;
using Wellhouse.Ingest;

namespace Wellhouse.Cli;

/// <summary>
/// Reads a raw-contract CSV (what <c>wellhouse ingest</c> takes) into one monthly history per well for a stream, for
/// <c>wellhouse decline forecast</c> and <c>hindcast</c>. Rows are validated as ingest validates them (the first bad
/// row is an error naming the line and column); a repeated (well, period) keeps the latest updated_at. A well whose
/// periods are a month apart (median gap of at least 27 days) reports monthly rates (volume = rate x days of the
/// month), otherwise daily ones (volume = rate x 1 day), summed into calendar months with their producing days.
/// </summary>
internal static class RawHistories
{
    /// <summary>The rate column of each stream and its volume unit.</summary>
    public static readonly IReadOnlyDictionary<string, (Func<RawProductionRow, double?> Rate, string Unit)> Streams =
        new Dictionary<string, (Func<RawProductionRow, double?>, string)>(StringComparer.Ordinal)
        {
            ["oil"] = (r => r.OilProductionKbd, "kbbl"),
            ["gas"] = (r => r.GasProductionMmcfd, "MMcf"),
            ["water"] = (r => r.WaterProductionKbd, "kbbl"),
        };

    public static bool TryRead(string path, string stream, out List<MonthlyHistory> histories, out string? error)
    {
        histories = [];
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            error = $"{path}: file not found";
            return false;
        }

        var latest = new Dictionary<(int Well, DateOnly Period), RawProductionRow>();
        var parser = new RawRowParser(DateTime.UtcNow);
        try
        {
            using var reader = Sep.Reader(o => o with { DisableColCountCheck = true, Unescape = true }).FromFile(path);
            var map = UploadReader.MapHeader(reader.Header.ColNames, $"{name}: line 1 (header)");
            var errors = new List<RowError>();
            long rowNumber = 0;
            foreach (var row in reader)
            {
                rowNumber++;
                if (row.ColCount != map.Length)
                {
                    error = $"{name}: line {row.LineNumberFrom}: {row.ColCount} fields, the header has {map.Length}";
                    return false;
                }

                parser.Reset();
                for (var i = 0; i < map.Length; i++)
                {
                    parser.Set(map[i], row[i].ToString());
                }

                var parsed = parser.Build(rowNumber, errors);
                if (parsed is null || errors.Count > 0)
                {
                    var first = errors[0];
                    error = $"{name}: line {row.LineNumberFrom}, column {first.Column}: {first.Reason}";
                    return false;
                }

                var key = (parsed.WellCode!.Value, parsed.ProductionPeriod);
                if (!latest.TryGetValue(key, out var seen) || parsed.UpdatedAt >= seen.UpdatedAt)
                {
                    latest[key] = parsed;
                }
            }
        }
        catch (MalformedUploadException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException)
        {
            error = $"{name}: not readable as CSV: {ex.Message}";
            return false;
        }

        var rate = Streams[stream].Rate;
        foreach (var well in latest.Values.GroupBy(r => r.WellCode!.Value).OrderBy(g => g.Key))
        {
            histories.Add(Monthly(well.Key, [.. well.OrderBy(r => r.ProductionPeriod)], rate));
        }

        error = null;
        return true;
    }

    private static MonthlyHistory Monthly(int wellCode, RawProductionRow[] rows, Func<RawProductionRow, double?> rate)
    {
        var gaps = new List<int>();
        for (var i = 1; i < rows.Length; i++)
        {
            gaps.Add(rows[i].ProductionPeriod.DayNumber - rows[i - 1].ProductionPeriod.DayNumber);
        }

        gaps.Sort();
        var monthly = gaps.Count > 0 ? gaps[gaps.Count / 2] >= 27 : rows[0].ProductionPeriod.Day == 1;
        var builder = new MonthlyHistoryBuilder(wellCode.ToString(CultureInfo.InvariantCulture));
        foreach (var row in rows)
        {
            var periodDays = monthly ? MonthIndex.Days(MonthIndex.Of(row.ProductionPeriod)) : 1;
            var value = rate(row) is { } r && double.IsFinite(r) ? r : 0;
            builder.Add(row.ProductionPeriod, value * periodDays, row.DaysOnProduction is { } d ? (monthly ? d : Math.Min(d, 1)) : null, periodDays);
        }

        return builder.Build()!;
    }
}
