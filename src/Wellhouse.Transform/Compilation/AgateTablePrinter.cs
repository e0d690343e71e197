using System.Globalization;
using System.Text;
using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// agate's <c>Table.print_table</c> (agate 1.7+, the versions dbt pins; agate's <c>config</c> defaults): a
/// Markdown-style grid, at most <c>max_rows</c> rows and <c>max_columns</c> columns (then a row or column of
/// <c>...</c>), names and cells cut to <c>max_column_width</c> with <c>...</c>; text left-aligned, everything else
/// (headers included) right-aligned; numbers with thousands separators and the column's largest number of decimal
/// places, at most <c>max_precision</c> (then followed by <c>…</c>).
/// </summary>
internal static class AgateTablePrinter
{
    private const string Ellipsis = "...";

    public static string Format(AgateTable table, int? maxRows, int? maxColumns, int? maxColumnWidth, int? maxPrecision)
    {
        var rowLimit = maxRows ?? table.Rows.Count;
        var columnLimit = maxColumns ?? table.ColumnNames.Count;
        var names = table.ColumnNames.Take(columnLimit).Select(n => Cut(n, maxColumnWidth)).ToList();
        var truncatedColumns = columnLimit < table.ColumnNames.Count;
        if (truncatedColumns)
        {
            names.Add(Ellipsis);
        }

        var places = Enumerable.Range(0, Math.Min(columnLimit, table.ColumnNames.Count))
            .Select(j => table.ColumnTypes[j] == "Number" ? table.Rows.Take(rowLimit).Select(r => DecimalPlaces(((AgateSequence)r!)[j])).DefaultIfEmpty(0).Max() : -1)
            .ToList();
        var widths = names.Select(n => n.Length).ToList();
        var cells = new List<List<string>>();
        foreach (AgateSequence row in table.Rows.Take(rowLimit).Cast<AgateSequence>())
        {
            var formatted = new List<string>();
            for (var j = 0; j < names.Count; j++)
            {
                var text = j >= columnLimit ? Ellipsis : Cut(Cell(row[j], places[j], maxPrecision), maxColumnWidth);

                widths[j] = Math.Max(widths[j], text.Length);
                formatted.Add(text);
            }

            cells.Add(formatted);
        }

        var output = new StringBuilder();
        void Line(IReadOnlyList<string> values)
        {
            output.Append('|');
            for (var j = 0; j < values.Count; j++)
            {
                var text = j < table.ColumnTypes.Count && j < columnLimit && table.ColumnTypes[j] == "Text"
                    ? values[j].PadRight(widths[j])
                    : values[j].PadLeft(widths[j]);
                output.Append(' ').Append(text).Append(" |");
            }

            output.Append('\n');
        }

        Line(names);
        output.Append('|').AppendJoin("|", widths.Select(w => " " + new string('-', w) + " ")).Append("|\n");
        foreach (var row in cells)
        {
            Line(row);
        }

        if (rowLimit < table.Rows.Count)
        {
            Line([.. names.Select(_ => Ellipsis)]);
        }

        return output.ToString().TrimEnd('\n');
    }

    private static string Cut(string text, int? width) =>
        width is { } w && text.Length > w ? text[..Math.Max(0, w - 3)] + "..." : text;

    private static string Cell(object? value, int places, int? maxPrecision)
    {
        if (places < 0 || value is not (long or double))
        {
            return value is null ? string.Empty : PyStr.Str(value);
        }

        var shown = maxPrecision is { } max ? Math.Min(places, max) : places;
        var format = "#,##0" + (shown > 0 ? "." + new string('0', shown) : string.Empty);
        var text = Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString(format, CultureInfo.InvariantCulture);
        return shown < places ? text + "\u2026" : text;
    }

    private static int DecimalPlaces(object? value)
    {
        if (value is not double d || double.IsNaN(d) || double.IsInfinity(d))
        {
            return 0;
        }

        var text = PyStr.Str(d);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || text.Contains('e', StringComparison.Ordinal) ? 0 : text.Length - dot - 1;
    }
}
