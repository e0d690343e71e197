using System.Diagnostics;
using System.Globalization;
using Wellhouse.Serving;

namespace Wellhouse.Warehouse.Bench;

/// <summary>
/// The serving read path without HTTP: for each series bench/api/series.sh reads, random wells' answers built from a
/// published snapshot's serving store and rendered to JSON as the API renders them (<see cref="SeriesRows"/>), on one
/// thread. Prints the CPU per answer (the process's user + system time over the loop) of building the table alone and
/// of building and rendering it, and the answer's bytes. Usage: -- --render &lt;data dir&gt; [answers per series] [series name part]
/// </summary>
internal static class RenderBench
{
    private static readonly (string Name, Func<ServeStore, int, SeriesTable?> Table)[] Series =
    [
        ("monthly production", (store, well) => ServeSeries.Stored(store, "mart_production_monthly", well, "month", [], null, null)),
        ("yearly production", (store, well) => ServeSeries.Stored(store, "mart_production_yearly", well, "year", [], null, null)),
        ("daily production", (store, well) => ServeViews.Daily(store, well, "day", null, null)),
        ("cumulative", (store, well) => ServeCumulative.Compute(store, well, null, null)),
        ("moving averages", (store, well) => ServeViews.MovingAverages(store, well, null, null, null)),
        ("decline (oil)", (store, well) => ServeViews.DeclineCurve(store, well, "oil", null, null)),
        ("forecast (oil)", (store, well) => ServeViews.DeclineForecast(store, well, "oil", null, null)),
        ("trendline (oil)", (store, well) => ServeSeries.Stored(store, "int_ml_trendlines_output", well, "production_period", [("stream", "oil")], null, null)),
        ("revenue", (store, well) => ServeSeries.Stored(store, "mart_revenue", well, "month", [], null, null)),
        ("summary", (store, well) => store.Relation("mart_well_summary") is { } summary
            ? SeriesTable.Rows(summary, [.. Enumerable.Range(summary.Range(well).Start, summary.Range(well).End - summary.Range(well).Start)])
            : null),
    ];

    public static int Run(string dataDir, int answers, string? only = null)
    {
        var snapshots = Path.Combine(dataDir, "snapshots");
        var id = File.ReadAllText(Path.Combine(snapshots, "current")).Trim();
        var store = ServeStore.Open(Path.Combine(snapshots, id + ".serve"), id);
        var summary = store.Relation("mart_well_summary") ?? throw new InvalidDataException("the store has no mart_well_summary");
        var wells = Enumerable.Range(0, (int)summary.Info.Wells).Select(summary.WellCode).ToArray();
        Console.WriteLine($"| series | rows | bytes | table µs CPU | table + JSON µs CPU |");
        Console.WriteLine($"|---|---|---|---|---|");
        foreach (var (name, build) in Series.Where(series => only is null || series.Name.Contains(only, StringComparison.Ordinal)))
        {
            if (build(store, wells[0]) is null)
            {
                Console.WriteLine($"| {name} | not in this store | | | |");
                continue;
            }

            var random = new Random(13);
            using var text = new JsonText();
            long rows = 0, bytes = 0;
            Loop(answers / 4, random, wells, well => Render(text, build(store, well)!)); // warm-up
            var tableOnly = Loop(answers, random, wells, well => rows += build(store, well)!.Count);
            var rendered = Loop(answers, random, wells, well => bytes += Render(text, build(store, well)!));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {rows / (double)answers:F0} | {bytes / answers:N0} | {tableOnly:F1} | {rendered:F1} |"));
        }

        return 0;
    }

    /// <summary>The answer's JSON as <see cref="SeriesResult"/> writes it (envelope, rows); its bytes.</summary>
    private static long Render(JsonText text, SeriesTable table)
    {
        text.Clear();
        SeriesWriter.WriteStart(text, new Dictionary<string, object?> { ["well_code"] = 1 });
        using var rows = new SeriesRows(table);
        for (var row = 0; row < table.Count; row++)
        {
            if (row > 0)
            {
                text.Byte((byte)',');
            }

            rows.WriteRow(text, row);
        }

        text.Raw("]}"u8);
        return text.Pending;
    }

    /// <summary>Microseconds of process CPU per call over <paramref name="answers"/> calls on random wells.</summary>
    private static double Loop(int answers, Random random, int[] wells, Action<int> answer)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < answers; i++)
        {
            answer(wells[random.Next(wells.Length)]);
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMicroseconds / answers;
    }
}
