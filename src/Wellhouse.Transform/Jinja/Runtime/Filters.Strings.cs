using System.Text;

namespace Wellhouse.Transform.Jinja.Runtime;

internal static partial class Filters
{
    public static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    /// <summary>The title filter: words start after runs of whitespace, '-', '(', '{', '[' or '&lt;'; the first
    /// character of each piece is upper-cased, the rest lower-cased (jinja2 do_title).</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var start = true;
        foreach (var c in s)
        {
            var separator = char.IsWhiteSpace(c) || c is '-' or '(' or '{' or '[' or '<';
            if (separator)
            {
                sb.Append(c);
                start = true;
            }
            else
            {
                sb.Append(start ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
                start = false;
            }
        }

        return sb.ToString();
    }

    private static string Center(string s, int width) => Methods.Pad(s, width, ' ', 'c');

    public static string Escape(string s) => s
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&#34;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary>indent(s, width=4, first=False, blank=False) as Jinja2 3.x: every line but the first is indented,
    /// blank lines only with blank=True.</summary>
    private static object? Indent(object? value, JinjaCallArguments a)
    {
        var s = value as string ?? throw PyOps.TypeError($"indent needs a string, not {PyOps.TypeName(value)}", a.Span);
        var width = a.Get(0, "width", 4L);
        var indent = width as string ?? new string(' ', (int)PyOps.ToLong(width, a.Span));
        var first = a.GetBool(1, "first");
        var blank = a.GetBool(2, "blank");
        var lines = Methods.SplitLines(s + "\n");
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = (string)lines[i]!;
            if (i > 0)
            {
                sb.Append('\n');
                if (blank || line.Length > 0)
                {
                    sb.Append(indent);
                }
            }

            sb.Append(line);
        }

        return first ? indent + sb : sb.ToString();
    }

    private static object? Join(object? value, JinjaCallArguments a)
    {
        var separator = a.GetString(0, "d", string.Empty)!;
        var attribute = a.GetString(1, "attribute");
        var sb = new StringBuilder();
        var first = true;
        foreach (var item in PyOps.Iterate(value, a.Span))
        {
            if (!first)
            {
                sb.Append(separator);
            }

            first = false;
            sb.Append(PyStr.Str(attribute is null ? item : Attribute(item, attribute, a)));
        }

        return sb.ToString();
    }

    private static object? Replace(object? value, JinjaCallArguments a)
    {
        var s = PyStr.Str(value);
        var old = a.GetString(0, "old")!;
        var replacement = a.GetString(1, "new")!;
        var count = a.Has(2, "count") && a.Get(2, "count") is not null ? a.GetInt(2, "count") : -1;
        return Methods.Replace(s, old, replacement, count);
    }

    private static string StripTags(string s)
    {
        var sb = new StringBuilder();
        var inTag = false;
        foreach (var c in s)
        {
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>' && inTag)
            {
                inTag = false;
            }
            else if (!inTag)
            {
                sb.Append(c);
            }
        }

        return string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>truncate(s, length=255, killwords=False, end='...', leeway=5) as Jinja2 3.x.</summary>
    private static object? Truncate(object? value, JinjaCallArguments a)
    {
        var length = (int)a.GetInt(0, "length", 255);
        if (value is not string)
        {
            // Jinja2 measures and returns a short non-string unchanged (len(s) <= length + leeway).
            return PyOps.Length(value, a.Span) <= length + (int)a.GetInt(3, "leeway", 5)
                ? value
                : throw PyOps.TypeError($"can only truncate a string, not {PyOps.TypeName(value)}", a.Span);
        }

        var s = (string)value;
        var killwords = a.GetBool(1, "killwords");
        var end = a.GetString(2, "end", "...")!;
        var leeway = (int)a.GetInt(3, "leeway", 5);
        if (s.Length <= length + leeway)
        {
            return s;
        }

        if (killwords)
        {
            return s[..Math.Max(0, length - end.Length)] + end;
        }

        var cut = s[..Math.Max(0, length - end.Length)];
        var space = cut.LastIndexOf(' ');
        return (space >= 0 ? cut[..space] : cut) + end;
    }

    /// <summary>Python's <c>len(re.findall(r"\w+", s))</c>.</summary>
    private static long WordCount(string s)
    {
        long count = 0;
        var inWord = false;
        foreach (var c in s)
        {
            var word = char.IsLetterOrDigit(c) || c == '_';
            if (word && !inWord)
            {
                count++;
            }

            inWord = word;
        }

        return count;
    }
}
