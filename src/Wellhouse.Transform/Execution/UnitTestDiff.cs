using System.Globalization;
using System.Text;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Compares actual and expected rows as multisets (row order does not matter, duplicates count) and renders the
/// difference as dbt prints a failing unit test: a table of the compared columns where <c>+++</c> marks a row only
/// in the actual output and <c>---</c> a row only in the expected rows (sorted by the first column, expected before
/// actual). Floating-point values are compared to 12
/// significant digits, so <c>0.1 + 0.2</c> equals an expected <c>0.3</c> (dbt compares them exactly).
/// </summary>
internal static class UnitTestDiff
{
    public static (long Failures, string Table) Compare(IReadOnlyList<string> columns, IReadOnlyList<object?[]> actual, IReadOnlyList<object?[]> expected)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in actual)
        {
            var key = Key(row);
            remaining[key] = remaining.GetValueOrDefault(key) + 1;
        }

        var lines = new List<(string Marker, object?[] Row)>();
        foreach (var row in expected)
        {
            var key = Key(row);
            if (remaining.GetValueOrDefault(key) > 0)
            {
                remaining[key]--;
                lines.Add(("   ", row));
            }
            else
            {
                lines.Add(("---", row));
            }
        }

        foreach (var row in actual)
        {
            var key = Key(row);
            if (remaining.GetValueOrDefault(key) > 0)
            {
                remaining[key]--;
                lines.Add(("+++", row));
            }
        }

        var failures = lines.Count(l => l.Marker != "   ");
        return (failures, failures == 0 ? string.Empty : Render(columns, lines));
    }

    private static string Render(IReadOnlyList<string> columns, List<(string Marker, object?[] Row)> lines)
    {
        var cells = lines
            .Select(l => (l.Marker, Values: l.Row.Select(Display).ToArray()))
            .OrderBy(l => l.Values.Length == 0 ? string.Empty : l.Values[0], StringComparer.Ordinal)
            .ThenBy(l => l.Marker == "---" ? 0 : l.Marker == "+++" ? 1 : 2)
            .ThenBy(l => string.Join('\u0001', l.Values), StringComparer.Ordinal)
            .ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Length, cells.Count == 0 ? 0 : cells.Max(l => l.Values[i].Length))).ToArray();
        var text = new StringBuilder();
        text.Append("   ");
        for (var i = 0; i < columns.Count; i++)
        {
            text.Append(" | ").Append(columns[i].PadRight(widths[i]));
        }

        foreach (var (marker, values) in cells)
        {
            text.Append('\n').Append(marker);
            for (var i = 0; i < values.Length; i++)
            {
                text.Append(" | ").Append(values[i].PadRight(widths[i]));
            }
        }

        text.Append("\n(+++ only in actual, --- only in expected)");
        return string.Join('\n', text.ToString().Split('\n').Select(l => l.TrimEnd()));
    }

    private static string Key(object?[] row) => string.Join('\u0001', row.Select(Canonical));

    private static string Canonical(object? value) => value switch
    {
        null => "\u0000null",
        double d => d.ToString("G12", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("G6", CultureInfo.InvariantCulture),
        decimal m => (m / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
        _ => Display(value),
    };

    public static string Display(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}
