using System.Globalization;
using System.Text;
using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// agate's <c>Table.print_table</c> (agate 1.7+, the version dbt pins): a Markdown-style grid, at most
/// <c>max_rows</c> rows and <c>max_columns</c> columns (then a row or column of <c>…</c>), cells cut to
/// <c>max_column_width</c> with <c>...</c>; text left-aligned, everything else right-aligned; numbers with thousands
/// separators and the column's largest number of decimal places.
/// </summary>
internal static class AgateTablePrinter
{
    private const string Ellipsis = "\u2026";

    public static string Format(AgateTable table, int? maxRows, int? maxColumns, int? maxColumnWidth)
    {
        var rowLimit = maxRows ?? table.Rows.Count;
        var columnLimit = maxColumns ?? table.ColumnNames.Count;
        var names = table.ColumnNames.Take(columnLimit).ToList();
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
                var text = j >= columnLimit ? Ellipsis : Cell(row[j], places[j]);
                if (maxColumnWidth is { } width && text.Length > width)
                {
                    text = text[..Math.Max(0, width - 3)] + "...";
                }

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

    private static string Cell(object? value, int places) => value switch
    {
        null => string.Empty,
        long l when places >= 0 => l.ToString("#,##0", CultureInfo.InvariantCulture) + (places > 0 ? "." + new string('0', places) : string.Empty),
        double d when places >= 0 => d.ToString("#,##0." + new string('0', places), CultureInfo.InvariantCulture).TrimEnd('.'),
        _ => PyStr.Str(value),
    };

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
