namespace Wellhouse.Hosting;

/// <summary>
/// A text value as one field of a CSV answer: RFC 4180 quoting, and text that a spreadsheet would run as a formula
/// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, e.g. <c>=HYPERLINK(...)</c> in
/// an uploaded well name) prefixed with an apostrophe, as OWASP's "CSV injection" advice says. Numbers are written by
/// the callers without this, so negative numbers stay numbers.
/// </summary>
internal static class CsvField
{
    public static string Text(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return Quote(text);
    }

    /// <summary>RFC 4180 quoting alone, for values that are not text (dates, numbers).</summary>
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
