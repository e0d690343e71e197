using System.Globalization;
using System.Text;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of template values.</summary>
internal static class PyStr
{
    public static string Str(object? value) => value switch
    {
        string s => s,
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        Undefined => string.Empty,
        _ => Repr(value),
    };

    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value);
        return sb.ToString();
    }

    public static void AppendRepr(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case string s:
                AppendQuoted(sb, s);
                break;
            case PyView view:
                sb.Append(view.ToString());
                break;
            case PySet { Count: 0 }:
                sb.Append("set()");
                break;
            case PySet set:
                sb.Append('{');
                AppendItems(sb, set);
                sb.Append('}');
                break;
            case PyTuple t:
                sb.Append('(');
                AppendItems(sb, t);
                sb.Append(t.Count == 1 ? ",)" : ")");
                break;
            case IList<object?> list:
                sb.Append('[');
                AppendItems(sb, list);
                sb.Append(']');
                break;
            case IDictionary<string, object?> dict:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in dict)
                {
                    sb.Append(first ? string.Empty : ", ");
                    first = false;
                    AppendQuoted(sb, k);
                    sb.Append(": ");
                    AppendRepr(sb, v);
                }

                sb.Append('}');
                break;
            case Undefined:
                sb.Append("Undefined");
                break;
            case null or bool or long or int or double:
                sb.Append(Str(value));
                break;
            default:
                sb.Append(value.ToString());
                break;
        }
    }

    private static void AppendItems(StringBuilder sb, IList<object?> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            AppendRepr(sb, items[i]);
        }
    }

    /// <summary>Python's string repr: single quotes unless the text holds ' and no ".</summary>
    public static void AppendQuoted(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (!IsPrintable(c))
                    {
                        sb.Append(c < 0x100 ? "\\x" : "\\u").Append(((int)c).ToString(c < 0x100 ? "x2" : "x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append(quote);
    }

    /// <summary>Python's str.isprintable() for one character: not in the Other or Separator categories, except the
    /// ASCII space (surrogates are kept as they are, so pairs print as the character).</summary>
    private static bool IsPrintable(char c) => c == ' ' || char.IsSurrogate(c) || char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };

    /// <summary>Python's float repr: the shortest round-trip digits, positional when the exponent is in [-4, 16),
    /// else scientific as <c>1e-05</c> / <c>1.5e+16</c> (Python docs, "Floating Point Arithmetic"; float.__repr__).</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = r.StartsWith('-');
        if (negative)
        {
            r = r[1..];
        }

        var e = r.IndexOf('E', StringComparison.Ordinal);
        var exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var digits = dot < 0 ? mantissa : intPart + mantissa[(dot + 1)..];
        var point = intPart.Length + exponent;
        var lead = 0;
        while (lead < digits.Length && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..].TrimEnd('0');
        point -= lead;
        var sign = negative ? "-" : string.Empty;
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        var x = point - 1;
        if (x is >= -4 and < 16)
        {
            if (point <= 0)
            {
                return sign + "0." + new string('0', -point) + digits;
            }

            return point >= digits.Length
                ? sign + digits + new string('0', point - digits.Length) + ".0"
                : sign + digits[..point] + "." + digits[point..];
        }

        var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
        var ex = Math.Abs(x).ToString("00", CultureInfo.InvariantCulture);
        return sign + m + "e" + (x < 0 ? "-" : "+") + ex;
    }
}
