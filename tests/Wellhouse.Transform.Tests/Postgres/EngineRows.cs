using System.Globalization;

namespace Wellhouse.Transform.Tests.Postgres;

/// <summary>Query rows as text that reads the same for DuckDB's and PostgreSQL's types (numbers to 6 decimals,
/// timestamps at midnight as dates, DATE as yyyy-MM-dd), so one engine's rows can be compared with the other's.</summary>
internal static class EngineRows
{
    public static List<string[]> Normalize(List<object?[]> rows) => [.. rows.Select(row => row.Select(Text).ToArray())];

    public static string Text(object? value) => value switch
    {
        null => "null",
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s => s,
        bool b => b ? "true" : "false",
        IConvertible c => Math.Round(c.ToDecimal(CultureInfo.InvariantCulture), 6).ToString("0.######", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
