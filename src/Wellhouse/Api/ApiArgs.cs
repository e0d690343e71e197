using System.Globalization;

namespace Wellhouse.Api;

/// <summary>
/// Query-string arguments, parsed by hand so that every bad value is a 400 ValidationProblem naming the parameter
/// (never a binder exception), and only known values reach a query.
/// </summary>
internal sealed class ApiArgs
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IResult Problem() => TypedResults.ValidationProblem(_errors, title: "Invalid query parameters");

    public void Fail(string name, string reason) => _errors[name] = [reason];

    public DateOnly? Date(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Fail(name, "expected a date as yyyy-MM-dd");
        return null;
    }

    public int Int(string? text, IntQuery query) => Int(text, query.Name, query.Default, query.Min, query.Max);

    public int Int(string? text, string name, int defaultValue, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return defaultValue;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Fail(name, $"expected an integer from {min} to {max}");
        return defaultValue;
    }

    public int? OptionalInt(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Fail(name, "expected an integer");
        return null;
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), returned in its canonical spelling.</summary>
    public string OneOf(string? text, string name, string defaultValue, params string[] allowed)
    {
        if (string.IsNullOrEmpty(text))
        {
            return defaultValue;
        }

        var match = allowed.FirstOrDefault(value => string.Equals(value, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Fail(name, $"expected one of: {string.Join(", ", allowed)}");
            return defaultValue;
        }

        return match;
    }

    /// <summary>Free text such as a search term: bounded in length, control characters refused.</summary>
    public string? Text(string? text, string name, int maxLength = 100)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > maxLength || text.Any(char.IsControl))
        {
            Fail(name, $"expected at most {maxLength} printable characters");
            return null;
        }

        return text;
    }

    /// <summary>
    /// <c>fields</c>: the columns a series answers with (sparse fieldsets), comma-separated column names, or null for
    /// every column. Names are checked against the series' columns when it is read (<see cref="SeriesFields"/>).
    /// </summary>
    public IReadOnlyList<string>? Fields(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (text.Length > 2000 || names.Any(name => name.Length == 0 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
        {
            Fail("fields", "expected column names (lower case, digits, _) separated by commas, e.g. production_period,oil_rate_kbd");
            return null;
        }

        return names.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>from/to as a validated range.</summary>
    public (DateOnly? From, DateOnly? To) Range(string? from, string? to)
    {
        var start = Date(from, "from");
        var end = Date(to, "to");
        if (start is not null && end is not null && start > end)
        {
            Fail("to", "must not be before from");
        }

        return (start, end);
    }
}

/// <summary>
/// A whole-number query parameter with its default and range: the handler reads it as text (<see cref="ApiArgs.Int(string?, IntQuery)"/>,
/// so a bad value is the API's 400 naming the range), and as endpoint metadata the OpenAPI document declares it an
/// integer with that range, so generated clients take a number.
/// </summary>
internal sealed record IntQuery(string Name, int Default, int Min, int Max)
{
    /// <summary>An integer without default or range (e.g. a code to filter by).</summary>
    public static IntQuery Code(string name) => new(name, 0, int.MinValue, int.MaxValue);
}
