using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Compilation;

/// <summary>
/// Database values as dbt hands them to templates. dbt builds an agate table from the driver's Python values
/// (dbt-common <c>agate_helper.table_from_data_flat</c>): Python ints stay ints (its <c>Integer</c> type), other numbers
/// become <c>Decimal</c>, dates and datetimes stay, booleans stay, strings are text, lists and dicts become JSON text,
/// anything else (times, intervals, UUIDs) becomes its <c>str()</c>.
/// </summary>
internal static class AgateValues
{
    /// <summary>The template value of one database value: long, double, bool, string, <see cref="PyDateTime"/> or null.</summary>
    public static object? ToTemplate(object? value) => value switch
    {
        null or DBNull => null,
        bool or string => value,
        sbyte or byte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (object)(long)u : (double)u,
        BigInteger b => b >= long.MinValue && b <= long.MaxValue ? (object)(long)b : (double)b,
        Int128 i => i >= long.MinValue && i <= long.MaxValue ? (object)(long)i : (double)i,
        UInt128 u => u <= long.MaxValue ? (object)(long)u : (double)u,

        // Decimal('2.50') prints "2.50" in dbt; the template engine's numbers are 64-bit floats, so it prints 2.5.
        decimal or float or double or Half => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        DateOnly d => new PyDateTime(d.ToDateTime(TimeOnly.MinValue), isDate: true),
        DateTime dt => new PyDateTime(dt),
        DateTimeOffset dto => PyDateTime.FromDateTimeOffset(dto),
        TimeOnly t => PythonTime(t),
        TimeSpan span => new PyTimeDelta(span).ToString(),
        Guid g => g.ToString("D"),
        byte[] bytes => PythonBytes(bytes),
        Stream stream => PythonBytes(ReadAll(stream)),
        IDictionary or IList => Json(value),
        _ => value.ToString(),
    };

    /// <summary>The agate type dbt's type tester infers for a column from its template values (dbt-common
    /// <c>agate_helper.build_type_tester</c>: Integer, Number, Date, DateTime, Boolean, Text, the first that every
    /// value casts to; a column of only NULLs is Integer; text columns are forced to Text).</summary>
    public static string AgateType(IReadOnlyList<object?> values)
    {
        bool All(Func<object, bool> test) => values.All(v => v is null || test(v));
        return All(v => v is long) ? "Integer"
            : All(v => v is long or double) ? "Number"
            : All(v => v is PyDateTime { IsDate: true }) ? "Date"
            : All(v => v is PyDateTime) ? "DateTime"
            : All(v => v is bool) ? "Boolean"
            : "Text";
    }

    /// <summary>Python's <c>str(datetime.time)</c>: <c>HH:MM:SS</c>, with <c>.ffffff</c> when there are microseconds.</summary>
    private static string PythonTime(TimeOnly time)
    {
        var micro = time.Ticks % TimeSpan.TicksPerSecond / 10;
        var text = time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        return micro == 0 ? text : text + "." + micro.ToString("000000", CultureInfo.InvariantCulture);
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Python's <c>str(bytes)</c>: <c>b'...'</c> with printable ASCII as is and other bytes as <c>\xNN</c>.</summary>
    private static string PythonBytes(byte[] bytes)
    {
        var text = new StringBuilder("b'");
        foreach (var b in bytes)
        {
            text.Append(b switch
            {
                (byte)'\\' => "\\\\",
                (byte)'\'' => "\\'",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                >= 0x20 and < 0x7f => ((char)b).ToString(),
                _ => "\\x" + b.ToString("x2", CultureInfo.InvariantCulture),
            });
        }

        return text.Append('\'').ToString();
    }

    /// <summary>Python's <c>json.dumps</c> with its defaults (<c>", "</c> and <c>": "</c> separators, ASCII only), as
    /// dbt turns list and struct values into text.</summary>
    private static string Json(object? value)
    {
        var text = new StringBuilder();
        AppendJson(text, value);
        return text.ToString();
    }

    private static void AppendJson(StringBuilder text, object? value)
    {
        switch (value)
        {
            case IDictionary dict:
                text.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in dict)
                {
                    text.Append(first ? string.Empty : ", ");
                    first = false;
                    AppendJsonString(text, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "null");
                    text.Append(": ");
                    AppendJson(text, entry.Value);
                }

                text.Append('}');
                break;
            case IList list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ", ");
                    AppendJson(text, list[i]);
                }

                text.Append(']');
                break;
            default:
                switch (ToTemplate(value))
                {
                    case null:
                        text.Append("null");
                        break;
                    case bool b:
                        text.Append(b ? "true" : "false");
                        break;
                    case long or double:
                        text.Append(Jinja.Runtime.PyStr.Str(ToTemplate(value)));
                        break;
                    case PyDateTime dt:
                        AppendJsonString(text, dt.ToString().Replace(' ', 'T'));
                        break;
                    case var other:
                        AppendJsonString(text, other.ToString() ?? string.Empty);
                        break;
                }

                break;
        }
    }

    private static void AppendJsonString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' or > '~' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }
}
