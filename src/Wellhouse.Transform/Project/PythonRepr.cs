using System.Globalization;
using System.Text;

namespace Wellhouse.Transform.Project;

/// <summary>Python's <c>str()</c> and <c>repr()</c> of plain values, as dbt's names and hashes see them.</summary>
internal static class PythonRepr
{
    public static string Str(object? value) => value switch
    {
        null => "None",
        string s => s,
        _ => Repr(value),
    };

    public static string Repr(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("None");
                break;
            case bool b:
                builder.Append(b ? "True" : "False");
                break;
            case string s:
                AppendString(builder, s);
                break;
            case long or int:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                builder.Append(Float(d));
                break;
            case GenericTestNames.SortedPairs pairs:
                AppendPairs(builder, pairs.Pairs);
                break;
            case IDictionary<string, object?> dict:
                AppendPairs(builder, dict.ToList());
                break;
            case IEnumerable<object?> list:
                builder.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    builder.Append(first ? string.Empty : ", ");
                    first = false;
                    Append(builder, item);
                }

                builder.Append(']');
                break;
            default:
                AppendString(builder, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }
    }

    private static void AppendPairs(StringBuilder builder, IReadOnlyList<KeyValuePair<string, object?>> pairs)
    {
        builder.Append('{');
        for (var i = 0; i < pairs.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ", ");
            AppendString(builder, pairs[i].Key);
            builder.Append(": ");
            Append(builder, pairs[i].Value);
        }

        builder.Append('}');
    }

    /// <summary>Python float repr: shortest round-trip, always with a dot or exponent.</summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        var abs = Math.Abs(d);
        if (abs != 0 && (abs >= 1e16 || abs < 1e-4))
        {
            var text = d.ToString("E16", CultureInfo.InvariantCulture);
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            var mantissa = r.Contains('E', StringComparison.Ordinal) ? r[..r.IndexOf('E', StringComparison.Ordinal)] : r;
            var exponent = int.Parse(text[(text.IndexOf('E', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
            if (!r.Contains('E', StringComparison.Ordinal))
            {
                mantissa = (d / Math.Pow(10, exponent)).ToString("R", CultureInfo.InvariantCulture);
            }

            return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) ? s : s + ".0";
    }

    /// <summary>Python's string repr: single quotes unless the text has a single quote and no double quote.</summary>
    private static void AppendString(StringBuilder builder, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        builder.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7f)
                    {
                        builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append(quote);
    }
}
