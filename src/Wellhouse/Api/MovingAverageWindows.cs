using System.Globalization;
using System.Text.RegularExpressions;
using Wellhouse.Serving;

namespace Wellhouse.Api;

/// <summary>
/// The moving-average windows a well has (docs/domain.md, "Trendlines and moving averages"): day windows (30d, 90d,
/// 180d by default) for wells that report daily periods, month windows (3m, 6m, 12m) for monthly ones, as the
/// snapshot's int_moving_averages computes them. A window the well does not have is a 400 that says which it has and
/// why, never a 200 with no items.
/// </summary>
internal static partial class MovingAverageWindows
{
    /// <summary>The well's window names, days before months, shortest first; empty for an unknown well.</summary>
    public static async Task<IReadOnlyList<string>> OfWellAsync(HttpContext context, int wellCode)
    {
        var store = SnapshotQuery.Pinned(context).Serve;
        if (store is not null && ServeViews.WellWindows(store, wellCode) is { } stored)
        {
            return Ordered(stored);
        }

        var names = await new SnapshotQuery("select string_agg(distinct \"window\", ',') from int_moving_averages where well_code = $well")
            .With("well", wellCode).ScalarAsync(context) as string;
        return Ordered(names?.Split(',') ?? []);
    }

    /// <summary>Why <paramref name="window"/> is not one of the well's <paramref name="windows"/>, as one sentence.</summary>
    public static string Why(string window, int wellCode, IReadOnlyList<string> windows)
    {
        var theirs = string.Join(", ", windows);
        if (Syntax().Match(window) is not { Success: true } match)
        {
            return $"expected a window of days or months such as 30d or 3m; well {wellCode} has {theirs}";
        }

        var unit = match.Groups["unit"].Value;
        if (!windows.Any(w => w.EndsWith(unit, StringComparison.Ordinal)))
        {
            var (asked, reported, other) = unit == "m" ? ("months", "daily", "days") : ("days", "monthly", "months");
            return $"{window} is a window of {asked}, computed for wells that report {(unit == "m" ? "monthly" : "daily")} periods; "
                + $"well {wellCode} reports {reported} periods, whose windows are in {other}: {theirs}";
        }

        return $"{window} is not a window of this snapshot (the warehouse vars ma_day_* and ma_month_* set them); well {wellCode} has {theirs}";
    }

    private static string[] Ordered(IEnumerable<string> names) =>
        [.. names.Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)
            .OrderBy(n => n.EndsWith('m') ? 1 : 0)
            .ThenBy(n => int.TryParse(n.AsSpan(0, n.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : int.MaxValue)
            .ThenBy(n => n, StringComparer.Ordinal)];

    [GeneratedRegex("^[1-9][0-9]{0,4}(?<unit>[dm])$")]
    private static partial Regex Syntax();
}
