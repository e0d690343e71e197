using System.CommandLine;
using System.Globalization;
using System.Text;
using Wellhouse.Decline;

namespace Wellhouse.Cli;

/// <summary>
/// <c>wellhouse decline forecast</c> (every well of a raw-contract CSV from an as-of date, with the population method:
/// P10/P50/P90 monthly volumes and cumulatives) and <c>wellhouse decline hindcast</c> (the same method and a per-well
/// Arps fit at past as-of dates, against what the wells then produced: APE by horizon, bias and P10-P90 coverage per
/// model and age cohort). Bad input: one line naming the file, line and column, exit code 1, nothing written.
/// </summary>
internal static class DeclineForecastCommands
{
    public static Command Forecast()
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "Raw-contract CSV (what `wellhouse ingest` takes).", Required = true };
        var asOf = new Option<string>("--as-of")
        {
            Description = "The as-of date, yyyy-MM-dd: only the months before its month are read; the forecast starts at that month when it is a month's first day, else at the next month (a month partly reported is neither read nor forecast).",
            Required = true,
        };
        var months = new Option<int>("--months") { Description = "Months to forecast.", DefaultValueFactory = _ => 24 };
        var output = new Option<FileInfo>("--output", "-o") { Description = "CSV: well_code, stream, month, volume_p10/p50/p90, cum_p10/p50/p90.", Required = true };
        var stream = StreamOption();
        var sample = SampleWellsOption();
        var command = new Command("forecast",
            "Forecast every well of a raw-contract CSV from an as-of date (type curves and calibrated P10-P90 learned from the wells' past).")
        {
            input, asOf, months, output, stream, sample,
        };
        command.SetAction(parse =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            if (!TryDate(parse.GetValue(asOf)!, out var date, out var error)
                || !TryMonths(parse.GetValue(months), out error)
                || !TrySampleWells(parse.GetValue(sample), out error)
                || !RawHistories.TryRead(parse.GetValue(input)!.FullName, parse.GetValue(stream)!, out var histories, out error))
            {
                stderr.WriteLine($"error: {error}");
                return 1;
            }

            var name = parse.GetValue(stream)!;
            var forecaster = new PopulationForecaster(histories,
                PopulationForecastOptions.Default with { Months = parse.GetValue(months), SampleWells = parse.GetValue(sample) });
            var forecasts = forecaster.Forecast(date);
            var target = parse.GetValue(output)!.FullName;
            var reasons = Path.ChangeExtension(target, null) + ".reasons.csv";
            WriteForecast(forecasts, name, target);
            WriteReasons(forecasts, name, reasons);
            var skipped = forecasts.Count(f => f.Reason is not null);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{forecasts.Count - skipped} of {forecasts.Count} wells forecast ({name}, {RawHistories.Streams[name].Unit}) from {FirstMonth(date):yyyy-MM-dd} for {parse.GetValue(months)} months{(date.Day == 1 ? "" : $" (as of {date:yyyy-MM-dd}: the months before {date:yyyy-MM} read)")}: {target}"));
            if (skipped > 0)
            {
                stdout.WriteLine($"{skipped} without a forecast, with the reason: {reasons}");
            }

            stdout.WriteLine("method per cohort, chosen by its own past forecasts (wells past their peak / without a fit or at their peak): "
                + string.Join("; ", forecaster.ChosenMethods(date).Select(c => $"{c.Cohort} {c.WithFit}/{c.WithoutFit}")));

            return 0;
        });
        return command;
    }

    public static Command HindcastCommand()
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "Raw-contract CSV (what `wellhouse ingest` takes).", Required = true };
        var asOf = new Option<string?>("--as-of")
        {
            Description = "Comma-separated as-of dates (yyyy-MM-01); by default every 6 months from 24 months after the data's start while the horizon fits in the data.",
        };
        var horizons = new Option<string>("--horizons") { Description = "Comma-separated horizons in months.", DefaultValueFactory = _ => "6,12,24" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Also write every compared forecast as CSV." };
        var stream = StreamOption();
        var sample = SampleWellsOption();
        var command = new Command("hindcast",
            "Forecast at past as-of dates and compare with what happened: APE by horizon, bias and P10-P90 coverage per model and cohort.")
        {
            input, asOf, horizons, output, stream, sample,
        };
        command.SetAction(parse =>
        {
            var stderr = parse.InvocationConfiguration.Error;
            var stdout = parse.InvocationConfiguration.Output;
            if (!TryHorizons(parse.GetValue(horizons)!, out var list, out var error)
                || !TrySampleWells(parse.GetValue(sample), out error)
                || !RawHistories.TryRead(parse.GetValue(input)!.FullName, parse.GetValue(stream)!, out var histories, out error))
            {
                stderr.WriteLine($"error: {error}");
                return 1;
            }

            if (histories.Count == 0)
            {
                stderr.WriteLine($"error: {parse.GetValue(input)!.Name}: no rows");
                return 1;
            }

            var longest = list.Max();
            List<DateOnly> dates = [];
            if (parse.GetValue(asOf) is { } given)
            {
                foreach (var text in given.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!TryAsOf(text, out var date, out error))
                    {
                        stderr.WriteLine($"error: {error}");
                        return 1;
                    }

                    dates.Add(date);
                }
            }
            else
            {
                var start = histories.Min(h => h.FirstMonth) + 24;
                var end = histories.Max(h => h.LastMonth) - longest + 1;
                for (var m = start; m <= end; m += 6)
                {
                    dates.Add(MonthIndex.Date(m));
                }
            }

            var rows = Hindcast.Run(histories, dates, list, PopulationForecastOptions.Default with
            {
                Months = Math.Max(longest, 24),
                SampleWells = parse.GetValue(sample),
            });
            if (rows.Count == 0)
            {
                stderr.WriteLine("error: no well could be compared: the as-of dates need the horizon's months in the data after them and history before them");
                return 1;
            }

            stdout.Write(SummaryTable(Hindcast.Summarize(rows), rows, parse.GetValue(stream)!));
            if (parse.GetValue(output) is { } target)
            {
                WriteRows(rows, target.FullName);
            }

            return 0;
        });
        return command;
    }

    private static Option<string> StreamOption()
    {
        var stream = new Option<string>("--stream") { Description = "oil, gas or water.", DefaultValueFactory = _ => "oil" };
        stream.AcceptOnlyFromAmong([.. RawHistories.Streams.Keys]);
        return stream;
    }

    private static Option<int> SampleWellsOption() => new("--sample-wells")
    {
        Description = "Most wells to learn the type curves and calibration from per date (and, in a hindcast, to compare), chosen by a hash of the well code; 0 = all.",
        DefaultValueFactory = _ => PopulationForecastOptions.Default.SampleWells,
    };

    private static bool TrySampleWells(int wells, out string? error)
    {
        error = wells >= 0 ? null : $"--sample-wells {wells}: give 0 (all wells) or more";
        return error is null;
    }

    /// <summary>The first forecast month of an as-of date: its month when it is the first day, else the next one
    /// (<see cref="PopulationForecaster.Forecast"/>).</summary>
    private static DateOnly FirstMonth(DateOnly asOf) => asOf.Day == 1 ? asOf : new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1);

    private static bool TryDate(string text, out DateOnly date, out string? error)
    {
        error = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? null
            : $"--as-of '{text}' is not a date yyyy-MM-dd";
        return error is null;
    }

    private static bool TryAsOf(string text, out DateOnly date, out string? error)
    {
        if (!TryDate(text, out date, out error))
        {
            return false;
        }

        if (date.Day != 1)
        {
            error = $"--as-of {text}: forecasts are monthly; give the first day of a month ({date:yyyy-MM}-01)";
            return false;
        }

        return true;
    }

    private static bool TryMonths(int months, out string? error)
    {
        error = months is >= 1 and <= 600 ? null : $"--months {months}: give 1 to 600 months";
        return error is null;
    }

    private static bool TryHorizons(string text, out List<int> horizons, out string? error)
    {
        horizons = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var h) || h is < 1 or > 120)
            {
                error = $"--horizons: '{part}' is not a number of months from 1 to 120";
                return false;
            }

            horizons.Add(h);
        }

        error = horizons.Count == 0 ? "--horizons: give at least one horizon" : null;
        return error is null;
    }

    /// <summary>Writes to a temporary file beside the target, then renames it into place.</summary>
    private static void WriteAtomically(string path, string text)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteForecast(IReadOnlyList<WellPopulationForecast> forecasts, string stream, string path)
    {
        var text = new StringBuilder("well_code,stream,month,volume_p10,volume_p50,volume_p90,cum_p10,cum_p50,cum_p90\n");
        foreach (var forecast in forecasts.Where(f => f.Reason is null))
        {
            foreach (var m in forecast.Months)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{forecast.Id},{stream},{m.Month:yyyy-MM-dd},{m.VolumeP10:G10},{m.VolumeP50:G10},{m.VolumeP90:G10},{m.CumP10:G10},{m.CumP50:G10},{m.CumP90:G10}\n");
            }
        }

        WriteAtomically(path, text.ToString());
    }

    private static void WriteReasons(IReadOnlyList<WellPopulationForecast> forecasts, string stream, string path)
    {
        var text = new StringBuilder("well_code,stream,reason\n");
        foreach (var forecast in forecasts.Where(f => f.Reason is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"{forecast.Id},{stream},\"{forecast.Reason!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
        }

        WriteAtomically(path, text.ToString());
    }

    private static void WriteRows(IReadOnlyList<HindcastForecast> rows, string path)
    {
        var text = new StringBuilder("as_of,well_code,cohort,age_months,model,horizon,actual,p10,p50,p90,method\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{r.AsOf:yyyy-MM-dd},{r.Id},{r.Cohort},{r.AgeMonths},{r.Model},{r.Horizon},{r.Actual:G10},{r.P10:G10},{r.P50:G10},{r.P90:G10},{r.Method}\n");
        }

        WriteAtomically(path, text.ToString());
    }

    private static string SummaryTable(IReadOnlyList<HindcastSummary> summary, IReadOnlyList<HindcastForecast> rows, string stream)
    {
        var dates = rows.Select(r => r.AsOf).Distinct().Order().ToArray();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"hindcast of {stream}: {dates.Length} as-of dates ({dates[0]:yyyy-MM}..{dates[^1]:yyyy-MM}), {rows.Select(r => r.Id).Distinct().Count()} wells\n");
        text.Append("model          cohort  horizon  forecasts  median APE  median bias  P10-P90 coverage\n");
        foreach (var s in summary)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{s.Model,-14} {s.Cohort,-7} {s.Horizon,7}  {s.Forecasts,9}  {s.MedianApe,9:P1}  {s.MedianBias,11:P1}  {s.Coverage,16:P1}\n");
        }

        var longest = rows.Max(r => r.Horizon);
        text.Append(CultureInfo.InvariantCulture,
            $"\npopulation method chosen per cohort by its own past forecasts (forecasts at {longest} months; blend = own fit + type curve, flat = level held flat, own-fit = own Arps fit):\n");
        foreach (var (cohort, methods) in Hindcast.MethodsChosen(rows, longest))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {cohort,-7} {string.Join(", ", methods.Select(m => $"{m.Method} {m.Forecasts}"))}\n");
        }

        return text.ToString();
    }
}
