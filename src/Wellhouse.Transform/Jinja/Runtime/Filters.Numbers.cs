using System.Globalization;

namespace Wellhouse.Transform.Jinja.Runtime;

internal static partial class Filters
{
    /// <summary>round(value, precision=0, method='common'): 'common' is Python's round() (half to even on the
    /// exact binary value; an int stays an int), 'floor'/'ceil' scale, round and divide back to a float.</summary>
    private static object? Round(object? value, JinjaCallArguments a)
    {
        var precision = (int)a.GetInt(0, "precision", 0);
        var method = a.GetString(1, "method", "common");
        if (method is not ("common" or "floor" or "ceil"))
        {
            throw new JinjaException("JINJA016", "method must be common, ceil or floor", a.Span);
        }

        if (method == "common" && PyOps.IsInteger(PyOps.Check(value)))
        {
            return PyOps.ToLong(value, a.Span);
        }

        var d = PyOps.ToDouble(value, a.Span);
        if (method != "common")
        {
            var scale = Math.Pow(10, precision);
            return (method == "floor" ? Math.Floor(d * scale) : Math.Ceiling(d * scale)) / scale;
        }

        return PyRound(d, precision);
    }

    /// <summary>Python's round(x, n) for floats: correctly rounded, ties to even, on the double's exact value
    /// (17 significant digits distinguish it from any tie that is not exact).</summary>
    public static double PyRound(double d, int precision)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            return d;
        }

        var text = d.ToString("G17", CultureInfo.InvariantCulture);
        if (precision > 20 || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
        {
            return d;
        }

        if (precision < 0)
        {
            var scale = (decimal)Math.Pow(10, -precision);
            return (double)(Math.Round(m / scale, 0, MidpointRounding.ToEven) * scale);
        }

        return (double)Math.Round(m, Math.Min(precision, 28), MidpointRounding.ToEven);
    }

    /// <summary>int(value, default=0, base=10): strings parse as int, else as float truncated; failures give the default.</summary>
    private static object? Int(object? value, JinjaCallArguments a)
    {
        var dflt = a.Get(0, "default", 0L);
        var numberBase = (int)a.GetInt(1, "base", 10);
        switch (PyOps.Check(value))
        {
            case bool or long or int:
                return PyOps.ToLong(value, a.Span);
            case double d:
                return double.IsNaN(d) || double.IsInfinity(d) ? dflt : (long)Math.Truncate(d);
            case string s:
                var t = s.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
                try
                {
                    if (numberBase == 10 && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                    {
                        return l;
                    }

                    if (numberBase != 10 && t.Length > 0)
                    {
                        var digits = numberBase == 16 && t.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? t[2..] : t;
                        return Convert.ToInt64(digits, numberBase);
                    }
                }
                catch (FormatException)
                {
                    return dflt;
                }
                catch (ArgumentException)
                {
                    return dflt;
                }

                return TryParseFloat(t, out var f) && !double.IsNaN(f) && !double.IsInfinity(f) ? (long)Math.Truncate(f) : dflt;
            default:
                return dflt;
        }
    }

    private static object? Float(object? value, JinjaCallArguments a)
    {
        var dflt = a.Get(0, "default", 0.0);
        return PyOps.Check(value) switch
        {
            bool or long or int or double => PyOps.ToDouble(value, a.Span),
            string s => TryParseFloat(s.Trim(), out var f) ? f : dflt,
            _ => dflt,
        };
    }

    /// <summary>Python's float(str): decimal or scientific notation, 'inf', 'nan', underscores between digits.</summary>
    public static bool TryParseFloat(string s, out double value)
    {
        var t = s.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        switch (t.TrimStart('+', '-'))
        {
            case "inf" or "infinity":
                value = t.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            case "nan":
                value = double.NaN;
                return true;
        }

        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
