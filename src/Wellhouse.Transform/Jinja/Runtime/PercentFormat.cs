using System.Text;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python's <c>format % values</c> (Python docs, "printf-style String Formatting"): <c>%s %r %d %i %f
/// %e %g %x %o %c %%</c>, flags <c>-+ 0</c>, width, precision, and <c>%(name)s</c> with a mapping.</summary>
internal static class PercentFormat
{
    public static string Format(string format, object? values, SourceSpan span)
    {
        var args = values is PyTuple t ? t : (IList<object?>)[values];
        var mapping = values as IDictionary<string, object?>;
        var next = 0;
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                sb.Append(format[i]);
                continue;
            }

            i++;
            if (i >= format.Length)
            {
                throw Error("incomplete format", span);
            }

            object? value = null;
            var haveValue = false;
            if (format[i] == '(')
            {
                var close = format.IndexOf(')', i);
                if (mapping is null || close < 0)
                {
                    throw Error("format requires a mapping", span);
                }

                var key = format[(i + 1)..close];
                value = mapping.TryGetValue(key, out var v) ? v : throw Error($"KeyError: '{key}'", span);
                haveValue = true;
                i = close + 1;
            }

            var flags = new StringBuilder();
            while (i < format.Length && format[i] is '-' or '+' or ' ' or '0' or '#')
            {
                flags.Append(format[i++]);
            }

            var width = ReadNumber(format, ref i);
            string? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i);
                if (precision.Length == 0)
                {
                    precision = "0";
                }
            }

            if (i >= format.Length)
            {
                throw Error("incomplete format", span);
            }

            var type = format[i];
            if (type == '%')
            {
                sb.Append('%');
                continue;
            }

            if (!haveValue)
            {
                value = next < args.Count ? args[next++] : throw Error("not enough arguments for format string", span);
            }

            sb.Append(One(value, type, flags.ToString(), width, precision, span));
        }

        // Python skips this check when the right operand is a mapping or a non-tuple sequence (PyMapping_Check).
        if (mapping is null && values is PyTuple or not IList<object?> && next < args.Count)
        {
            throw Error("not all arguments converted during string formatting", span);
        }

        return sb.ToString();
    }

    private static string ReadNumber(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return s[start..i];
    }

    private static string One(object? value, char type, string flags, string width, string? precision, SourceSpan span)
    {
        var align = flags.Contains('-', StringComparison.Ordinal) ? "<" : flags.Contains('0', StringComparison.Ordinal) ? "0" : ">";
        var sign = flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : string.Empty;
        var spec = (align == "0" ? sign + "0" : align + sign) + width + (precision is null ? string.Empty : "." + precision);
        switch (type)
        {
            case 's':
                return NumberFormat.Apply(PyStr.Str(value), spec, span);
            case 'r':
                return NumberFormat.Apply(PyStr.Repr(value), spec, span);
            case 'd' or 'i' or 'u':
                if (!PyOps.IsNumber(PyOps.Check(value)))
                {
                    throw PyOps.TypeError($"%{type} format: a real number is required, not {PyOps.TypeName(value)}", span);
                }

                return NumberFormat.Apply(PyOps.ToLong(value, span), (align == "0" ? sign + "0" : align + sign) + width + "d", span);
            case 'f' or 'F' or 'e' or 'E' or 'g' or 'G':
                return NumberFormat.Apply(PyOps.ToDouble(value, span), spec + type, span);
            case 'x' or 'X' or 'o' or 'c':
                return NumberFormat.Apply(PyOps.ToLong(value, span), (align == "0" ? sign + "0" : align + sign) + width + type, span);
            default:
                throw Error($"unsupported format character '{type}'", span);
        }
    }

    private static JinjaException Error(string message, SourceSpan span) => new("JINJA016", message, span);
}
