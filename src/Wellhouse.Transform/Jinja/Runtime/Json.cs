using System.Globalization;
using System.Text;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>The tojson filter: Python's <c>json.dumps(value, sort_keys=True, indent=indent)</c> with &lt; &gt; &amp; '
/// escaped as \u003c \u003e \u0026 \u0027 (jinja2.utils.htmlsafe_json_dumps); unsorted for dbt's own JSON (query comments);
/// without <c>htmlSafe</c> it is plain <c>json.dumps</c> (dbt's <c>tojson()</c> context function).</summary>
internal static class Json
{
    public static string Dumps(object? value, object? indent, SourceSpan span, bool sortKeys = true, bool htmlSafe = true)
    {
        var sb = new StringBuilder();
        var step = indent is null ? null : indent as string ?? new string(' ', (int)PyOps.ToLong(indent, span));
        Write(sb, value, new Options(step, span, sortKeys, htmlSafe), 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, Options options, int level)
    {
        var (indent, span, sortKeys, _) = options;
        switch (PyOps.Check(value))
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long or int: sb.Append(PyStr.Str(value)); break;
            case double d:
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyStr.FormatFloat(d));
                break;
            case string s: WriteString(sb, s, options.HtmlSafe); break;
            case IDictionary<string, object?> dict:
                var keys = dict.Keys.ToList();
                if (sortKeys)
                {
                    keys.Sort(string.CompareOrdinal);
                }

                WriteContainer(sb, '{', '}', keys.Count, indent, level, i =>
                {
                    WriteString(sb, keys[i], options.HtmlSafe);
                    sb.Append(": ");
                    Write(sb, dict[keys[i]], options, level + 1);
                });
                break;
            case IList<object?> list:
                WriteContainer(sb, '[', ']', list.Count, indent, level, i => Write(sb, list[i], options, level + 1));
                break;
            default:
                throw PyOps.TypeError($"Object of type {PyOps.TypeName(value)} is not JSON serializable", span);
        }
    }

    private sealed record Options(string? Indent, SourceSpan Span, bool SortKeys, bool HtmlSafe);

    private static void WriteContainer(StringBuilder sb, char open, char close, int count, string? indent, int level, Action<int> item)
    {
        sb.Append(open);
        if (count == 0)
        {
            sb.Append(close);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            if (indent is not null)
            {
                sb.Append(i > 0 ? ",\n" : "\n").Append(string.Concat(Enumerable.Repeat(indent, level + 1)));
            }
            else if (i > 0)
            {
                sb.Append(", ");
            }

            item(i);
        }

        if (indent is not null)
        {
            sb.Append('\n').Append(string.Concat(Enumerable.Repeat(indent, level)));
        }

        sb.Append(close);
    }

    private static void WriteString(StringBuilder sb, string s, bool htmlSafe)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '<' or '>' or '&' or '\'' when htmlSafe:
                case < ' ' or > '~':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
    }
}
