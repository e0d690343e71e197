using System.Globalization;
using System.Text;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python's format specification mini-language (Python docs, "Format Specification Mini-Language"):
/// <c>[[fill]align][sign][#][0][width][,|_][.precision][type]</c>, shared by str.format and the % operator.</summary>
internal static class NumberFormat
{
    public static string Apply(object? value, string spec, SourceSpan span)
    {
        var i = 0;
        var fill = ' ';
        var align = '\0';
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=')
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec.Length >= 1 && spec[0] is '<' or '>' or '^' or '=')
        {
            align = spec[0];
            i = 1;
        }

        var sign = '-';
        if (i < spec.Length && spec[i] is '+' or '-' or ' ')
        {
            sign = spec[i++];
        }

        if (i < spec.Length && spec[i] == '#')
        {
            i++;
        }

        if (i < spec.Length && spec[i] == '0' && align == '\0')
        {
            fill = '0';
            align = '=';
            i++;
        }

        var width = 0;
        while (i < spec.Length && char.IsAsciiDigit(spec[i]))
        {
            width = (width * 10) + (spec[i++] - '0');
        }

        var grouping = '\0';
        if (i < spec.Length && spec[i] is ',' or '_')
        {
            grouping = spec[i++];
        }

        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            i++;
            var p = 0;
            while (i < spec.Length && char.IsAsciiDigit(spec[i]))
            {
                p = (p * 10) + (spec[i++] - '0');
            }

            precision = p;
        }

        var type = i < spec.Length ? spec[i] : '\0';
        if (value is string s || (type == 's' && value is not null))
        {
            var text = value as string ?? PyStr.Str(value);
            if (precision is { } max && text.Length > max)
            {
                text = text[..max];
            }

            return Pad(text, string.Empty, width, fill, align == '\0' ? '<' : align);
        }

        if (!PyOps.IsNumber(value))
        {
            return Pad(PyStr.Str(value), string.Empty, width, fill, align == '\0' ? '<' : align);
        }

        var (negative, body) = FormatNumber(value, type, precision, span);
        if (grouping != '\0')
        {
            body = Group(body, grouping);
        }

        var prefix = negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : string.Empty;
        return Pad(body, prefix, width, fill, align == '\0' ? '>' : align);
    }

    private static (bool Negative, string Body) FormatNumber(object? value, char type, int? precision, SourceSpan span)
    {
        if (type is 'd' or 'x' or 'X' or 'o' or 'b' or 'c' || (type == '\0' && PyOps.IsInteger(value)))
        {
            var l = PyOps.ToLong(value, span);
            var magnitude = l < 0 ? (ulong)(-(l + 1)) + 1 : (ulong)l;
            var body = type switch
            {
                'x' => magnitude.ToString("x", CultureInfo.InvariantCulture),
                'X' => magnitude.ToString("X", CultureInfo.InvariantCulture),
                'o' => Convert.ToString((long)magnitude, 8),
                'b' => Convert.ToString((long)magnitude, 2),
                'c' => ((char)magnitude).ToString(),
                _ => magnitude.ToString(CultureInfo.InvariantCulture),
            };
            return (l < 0, body);
        }

        var d = PyOps.ToDouble(value, span);
        var neg = d < 0 || (d == 0 && double.IsNegative(d));
        var abs = Math.Abs(d);
        return (neg, type switch
        {
            'f' or 'F' => Fixed(abs, precision ?? 6),
            'e' or 'E' => Scientific(abs, precision ?? 6, type),
            '%' => Fixed(abs * 100, precision ?? 6) + "%",
            'g' or 'G' => General(abs, precision ?? 6, type, keepPoint: false),
            _ => precision is { } p ? General(abs, p == 0 ? 1 : p, 'g', keepPoint: true) : PyStr.FormatFloat(abs),
        });
    }

    public static string Fixed(double d, int precision) =>
        double.IsInfinity(d) ? "inf" : double.IsNaN(d) ? "nan" : d.ToString("F" + precision, CultureInfo.InvariantCulture);

    public static string Scientific(double d, int precision, char type)
    {
        if (double.IsInfinity(d) || double.IsNaN(d))
        {
            return double.IsNaN(d) ? "nan" : "inf";
        }

        var text = d.ToString((type == 'E' ? "E" : "e") + precision, CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(['e', 'E']);
        var exponent = int.Parse(text.AsSpan(e + 1), CultureInfo.InvariantCulture);
        return text[..(e + 1)] + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>The 'g' presentation: scientific when the exponent is below -4 or at least the precision, else
    /// fixed; trailing zeros removed. With <paramref name="keepPoint"/> it is the float presentation without a type
    /// letter: scientific already from precision - 1, and fixed notation keeps one digit after the point.</summary>
    public static string General(double d, int precision, char type, bool keepPoint)
    {
        if (double.IsInfinity(d) || double.IsNaN(d))
        {
            return double.IsNaN(d) ? "nan" : "inf";
        }

        var p = precision == 0 ? 1 : precision;
        if (d == 0)
        {
            return keepPoint ? "0.0" : "0";
        }

        var sci = Scientific(d, p - 1, 'e');
        var exponent = int.Parse(sci.AsSpan(sci.IndexOf('e', StringComparison.Ordinal) + 1), CultureInfo.InvariantCulture);
        string result;
        if (exponent < -4 || exponent >= (keepPoint ? p - 1 : p))
        {
            var e = sci.IndexOf('e', StringComparison.Ordinal);
            var mantissa = sci[..e];
            if (mantissa.Contains('.', StringComparison.Ordinal))
            {
                mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            }

            result = mantissa + (type == 'G' ? "E" : "e") + sci[(e + 1)..];
        }
        else
        {
            result = Fixed(d, Math.Max(0, p - 1 - exponent));
            if (result.Contains('.', StringComparison.Ordinal))
            {
                result = result.TrimEnd('0').TrimEnd('.');
            }

            if (keepPoint && !result.Contains('.', StringComparison.Ordinal))
            {
                result += ".0";
            }
        }

        return result;
    }

    private static string Group(string body, char separator)
    {
        var end = body.IndexOfAny(['.', 'e', 'E', '%']);
        var intPart = end < 0 ? body : body[..end];
        var rest = end < 0 ? string.Empty : body[end..];
        var sb = new StringBuilder();
        for (var k = 0; k < intPart.Length; k++)
        {
            if (k > 0 && (intPart.Length - k) % 3 == 0)
            {
                sb.Append(separator);
            }

            sb.Append(intPart[k]);
        }

        return sb + rest;
    }

    private static string Pad(string body, string prefix, int width, char fill, char align)
    {
        var length = body.Length + prefix.Length;
        if (length >= width)
        {
            return prefix + body;
        }

        var pad = width - length;
        return align switch
        {
            '<' => prefix + body + new string(fill, pad),
            '^' => new string(fill, pad / 2) + prefix + body + new string(fill, pad - (pad / 2)),
            '=' => prefix + new string(fill, pad) + body,
            _ => new string(fill, pad) + prefix + body,
        };
    }
}
