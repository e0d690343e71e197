using System.Text;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python's <c>str.format</c> (Python docs, "Format String Syntax"): <c>{}</c>, <c>{0}</c>, <c>{name}</c>,
/// <c>{0.attr}</c>, <c>{0[key]}</c>, <c>!r</c>/<c>!s</c>, <c>:spec</c>; <c>{{</c> and <c>}}</c> are literal braces.</summary>
internal static class StrFormat
{
    public static string Format(string format, JinjaCallArguments a)
    {
        var sb = new StringBuilder();
        var auto = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c == '}')
            {
                if (i + 1 < format.Length && format[i + 1] == '}')
                {
                    i++;
                    sb.Append('}');
                    continue;
                }

                throw Error("Single '}' encountered in format string", a);
            }

            if (c != '{')
            {
                sb.Append(c);
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                i++;
                sb.Append('{');
                continue;
            }

            var close = FindClose(format, i + 1);
            if (close < 0)
            {
                throw Error("Single '{' encountered in format string", a);
            }

            sb.Append(Field(format[(i + 1)..close], a, ref auto));
            i = close;
        }

        return sb.ToString();
    }

    private static int FindClose(string format, int from)
    {
        var depth = 1;
        for (var i = from; i < format.Length; i++)
        {
            if (format[i] == '{')
            {
                depth++;
            }
            else if (format[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Field(string field, JinjaCallArguments a, ref int auto)
    {
        var spec = string.Empty;
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            spec = field[(colon + 1)..];
            field = field[..colon];
            if (spec.Contains('{', StringComparison.Ordinal))
            {
                spec = Format(spec, a);
            }
        }

        var conversion = '\0';
        var bang = field.IndexOf('!', StringComparison.Ordinal);
        if (bang >= 0)
        {
            conversion = bang + 1 < field.Length ? field[bang + 1] : 's';
            field = field[..bang];
        }

        var end = field.IndexOfAny(['.', '[']);
        var head = end < 0 ? field : field[..end];
        object? value;
        if (head.Length == 0)
        {
            value = Positional(auto++, a);
        }
        else if (int.TryParse(head, out var index))
        {
            value = Positional(index, a);
        }
        else
        {
            value = a.Keyword.TryGetValue(head, out var named) ? named : throw Error($"KeyError: '{head}'", a);
        }

        value = Navigate(value, end < 0 ? string.Empty : field[end..], a);
        if (conversion == 'r')
        {
            value = PyStr.Repr(value);
        }
        else if (conversion == 's')
        {
            value = PyStr.Str(value);
        }

        return spec.Length == 0 ? PyStr.Str(value) : NumberFormat.Apply(value, spec, a.Span);
    }

    private static object? Positional(int index, JinjaCallArguments a) => index < a.Positional.Count
        ? a.Positional[index]
        : throw Error($"Replacement index {index} out of range for positional args tuple", a);

    private static object? Navigate(object? value, string path, JinjaCallArguments a)
    {
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                var name = end < 0 ? path[(i + 1)..] : path[(i + 1)..end];
                value = PyOps.Check(PyOps.GetAttr(value, name, a.Span));
                i = end < 0 ? path.Length : end;
            }
            else
            {
                var close = path.IndexOf(']', i);
                var key = path[(i + 1)..close];
                value = PyOps.Check(long.TryParse(key, out var n) ? PyOps.GetItem(value, n, a.Span) : PyOps.GetItem(value, key, a.Span));
                i = close + 1;
            }
        }

        return value;
    }

    private static JinjaException Error(string message, JinjaCallArguments a) => new("JINJA016", message, a.Span);
}
