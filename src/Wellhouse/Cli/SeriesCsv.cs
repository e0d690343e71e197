using System.Globalization;
using Wellhouse.Decline;

namespace Wellhouse.Cli;

/// <summary>
/// Reads a well series CSV for <c>wellhouse decline fit</c>: a header with <c>date</c> (yyyy-MM-dd) or <c>t</c>
/// (days), <c>rate</c> and optional <c>days_on</c>; an empty rate is a missing value. Errors name the line and column.
/// </summary>
internal static class SeriesCsv
{
    public static bool TryRead(string path, out ProductionSeries? series, out int[]? lines, out string? error)
    {
        series = null;
        lines = null;
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            error = $"{path}: file not found";
            return false;
        }

        var text = File.ReadAllLines(path);
        if (text.Length == 0 || string.IsNullOrWhiteSpace(text[0]))
        {
            error = $"{name}: line 1: missing header (date or t, rate, optional days_on)";
            return false;
        }

        var header = text[0].Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray();
        var dateColumn = Array.IndexOf(header, "date");
        var tColumn = Array.IndexOf(header, "t");
        var rateColumn = Array.IndexOf(header, "rate");
        var daysOnColumn = Array.IndexOf(header, "days_on");
        if ((dateColumn < 0 && tColumn < 0) || rateColumn < 0)
        {
            error = $"{name}: line 1: the header needs a 'date' or 't' column and a 'rate' column";
            return false;
        }

        var dates = new List<DateOnly>();
        var days = new List<double>();
        var rates = new List<double>();
        var daysOn = new List<double>();
        var lineNumbers = new List<int>();
        for (var i = 1; i < text.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(text[i]))
            {
                continue;
            }

            var fields = text[i].Split(',');
            var line = i + 1;
            string Field(int column) => column < fields.Length ? fields[column].Trim().Trim('"') : string.Empty;
            if (dateColumn >= 0)
            {
                if (!DateOnly.TryParseExact(Field(dateColumn), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    error = $"{name}: line {line}, column {dateColumn + 1} (date): '{Field(dateColumn)}' is not a date yyyy-MM-dd";
                    return false;
                }

                dates.Add(date);
            }
            else if (!TryNumber(Field(tColumn), out var t) || double.IsNaN(t))
            {
                error = $"{name}: line {line}, column {tColumn + 1} (t): '{Field(tColumn)}' is not a number of days";
                return false;
            }
            else
            {
                days.Add(t);
            }

            if (!TryNumber(Field(rateColumn), out var rate))
            {
                error = $"{name}: line {line}, column {rateColumn + 1} (rate): '{Field(rateColumn)}' is not a number";
                return false;
            }

            rates.Add(rate);
            if (daysOnColumn >= 0)
            {
                if (!TryNumber(Field(daysOnColumn), out var on))
                {
                    error = $"{name}: line {line}, column {daysOnColumn + 1} (days_on): '{Field(daysOnColumn)}' is not a number";
                    return false;
                }

                daysOn.Add(on);
            }

            lineNumbers.Add(line);
        }

        var on2 = daysOnColumn >= 0 ? daysOn : null;
        series = dateColumn >= 0 ? ProductionSeries.FromDates(dates, rates, on2) : ProductionSeries.FromDays(days, rates, on2);
        lines = [.. lineNumbers];
        error = null;
        return true;
    }

    /// <summary>A number, or NaN for an empty cell (a missing value the fitter ignores).</summary>
    private static bool TryNumber(string text, out double value)
    {
        if (text.Length == 0 || text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);
    }
}
