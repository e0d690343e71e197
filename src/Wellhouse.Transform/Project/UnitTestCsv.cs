using System.Text;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>
/// CSV fixture rows (inline <c>rows: |</c> text or a fixture file): the first line names the columns; fields may be
/// quoted with <c>"</c> (a doubled quote inside is one quote, RFC 4180); an empty field is NULL, as dbt turns "" into
/// None (dbt-core <c>_validate_and_normalize_rows</c>). Blank lines are skipped.
/// </summary>
internal static class UnitTestCsv
{
    /// <summary>Parses <paramref name="text"/>, whose first line is line <paramref name="firstLine"/> of <paramref name="file"/>.</summary>
    public static List<UnitTestRow> Parse(string text, string file, int firstLine, DiagnosticBag diagnostics)
    {
        var rows = new List<UnitTestRow>();
        string[]? header = null;
        var lineNumber = firstLine - 1;
        foreach (var rawLine in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            lineNumber++;
            if (rawLine.Trim().Length == 0)
            {
                continue;
            }

            var span = new SourceSpan(file, lineNumber, 1);
            var fields = SplitLine(rawLine);
            if (fields is null)
            {
                diagnostics.Error(UnitTestCodes.MalformedRows, "unterminated quoted field in CSV row", span);
                continue;
            }

            if (header is null)
            {
                header = fields.Select(f => f.Trim()).ToArray();
                continue;
            }

            if (fields.Count != header.Length)
            {
                diagnostics.Error(UnitTestCodes.MalformedRows, $"CSV row has {fields.Count} fields but the header names {header.Length} columns ({string.Join(", ", header)})", span);
                continue;
            }

            var cells = new List<UnitTestCell>(header.Length);
            for (var i = 0; i < header.Length; i++)
            {
                var value = fields[i].Trim();
                cells.Add(new UnitTestCell(header[i], value.Length == 0 ? null : value, span));
            }

            rows.Add(new UnitTestRow(cells, span));
        }

        return rows;
    }

    private static List<string>? SplitLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.ToString().Trim().Length == 0)
            {
                current.Clear();
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(current.ToString());
        return fields;
    }
}
