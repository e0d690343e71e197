using System.Text;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python's arithmetic: int stays int (long here, overflow is an error), / is true division,
/// // and % floor (Python docs, "Binary arithmetic operations").</summary>
internal static partial class PyOps
{
    private static JinjaException Unsupported(string op, object? a, object? b, SourceSpan span) =>
        TypeError($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'", span);

    private static JinjaException Overflow(SourceSpan span) =>
        new("JINJA014", "integer overflow (Wellhouse integers are 64-bit)", span);

    public static object? Add(object? a, object? b, SourceSpan span)
    {
        Check(a);
        Check(b);
        try
        {
            return (a, b) switch
            {
                (string x, string y) => string.Concat(x, y),
                (PyTuple x, PyTuple y) => new PyTuple([.. x, .. y]),
                (IList<object?> x, IList<object?> y) when a is not PyTuple && b is not PyTuple => new List<object?>([.. x, .. y]),
                _ when IsInteger(a) && IsInteger(b) => checked(ToLong(a, span) + ToLong(b, span)),
                _ when IsNumber(a) && IsNumber(b) => ToDouble(a, span) + ToDouble(b, span),
                (PyDateTime x, PyTimeDelta y) => x.Add(y.Value),
                (PyTimeDelta x, PyDateTime y) => y.Add(x.Value),
                (PyTimeDelta x, PyTimeDelta y) => new PyTimeDelta(x.Value + y.Value),
                _ => throw Unsupported("+", a, b, span),
            };
        }
        catch (OverflowException)
        {
            throw Overflow(span);
        }
    }

    public static object? Sub(object? a, object? b, SourceSpan span)
    {
        Check(a);
        Check(b);
        try
        {
            return (a, b) switch
            {
                _ when IsInteger(a) && IsInteger(b) => checked(ToLong(a, span) - ToLong(b, span)),
                _ when IsNumber(a) && IsNumber(b) => ToDouble(a, span) - ToDouble(b, span),
                (PyDateTime x, PyTimeDelta y) => x.Add(-y.Value),
                (PyDateTime x, PyDateTime y) => new PyTimeDelta(x.Value - y.Value),
                (PyTimeDelta x, PyTimeDelta y) => new PyTimeDelta(x.Value - y.Value),
                _ => throw Unsupported("-", a, b, span),
            };
        }
        catch (OverflowException)
        {
            throw Overflow(span);
        }
    }

    public static object? Mul(object? a, object? b, SourceSpan span)
    {
        Check(a);
        Check(b);
        try
        {
            return (a, b) switch
            {
                (string s, _) when IsInteger(b) => Repeat(s, ToLong(b, span)),
                (_, string s) when IsInteger(a) => Repeat(s, ToLong(a, span)),
                (IList<object?> l, _) when IsInteger(b) => RepeatList(l, ToLong(b, span)),
                (_, IList<object?> l) when IsInteger(a) => RepeatList(l, ToLong(a, span)),
                _ when IsInteger(a) && IsInteger(b) => checked(ToLong(a, span) * ToLong(b, span)),
                _ when IsNumber(a) && IsNumber(b) => ToDouble(a, span) * ToDouble(b, span),
                _ => throw Unsupported("*", a, b, span),
            };
        }
        catch (OverflowException)
        {
            throw Overflow(span);
        }
    }

    private static string Repeat(string s, long n)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            sb.Append(s);
        }

        return sb.ToString();
    }

    private static object RepeatList(IList<object?> l, long n)
    {
        var result = new List<object?>();
        for (var i = 0; i < n; i++)
        {
            result.AddRange(l);
        }

        return l is PyTuple ? new PyTuple(result) : result;
    }

    public static object? Div(object? a, object? b, SourceSpan span)
    {
        if (!IsNumber(Check(a)) || !IsNumber(Check(b)))
        {
            throw Unsupported("/", a, b, span);
        }

        var y = ToDouble(b, span);
        if (y == 0)
        {
            throw new JinjaException("JINJA014", "division by zero", span);
        }

        return ToDouble(a, span) / y;
    }

    public static object? FloorDiv(object? a, object? b, SourceSpan span)
    {
        if (!IsNumber(Check(a)) || !IsNumber(Check(b)))
        {
            throw Unsupported("//", a, b, span);
        }

        if (IsInteger(a) && IsInteger(b))
        {
            var x = ToLong(a, span);
            var y = ToLong(b, span);
            if (y == 0)
            {
                throw new JinjaException("JINJA014", "integer division or modulo by zero", span);
            }

            var q = x / y;
            return (x % y != 0) && ((x < 0) != (y < 0)) ? q - 1 : q;
        }

        var dy = ToDouble(b, span);
        if (dy == 0)
        {
            throw new JinjaException("JINJA014", "float floor division by zero", span);
        }

        return FloatFloorDiv(ToDouble(a, span), dy);
    }

    /// <summary>CPython's float floor division (float_divmod): from fmod, so that 1 // 0.1 is 9.0.</summary>
    private static double FloatFloorDiv(double vx, double wx)
    {
        var mod = vx % wx;
        var div = (vx - mod) / wx;
        if (mod != 0 && ((wx < 0) != (mod < 0)))
        {
            div -= 1.0;
        }

        if (div == 0)
        {
            return double.CopySign(0.0, vx / wx);
        }

        var floor = Math.Floor(div);
        return div - floor > 0.5 ? floor + 1.0 : floor;
    }

    public static object? Mod(object? a, object? b, SourceSpan span)
    {
        if (a is string format)
        {
            return PercentFormat.Format(format, b, span);
        }

        if (!IsNumber(Check(a)) || !IsNumber(Check(b)))
        {
            throw Unsupported("%", a, b, span);
        }

        if (IsInteger(a) && IsInteger(b))
        {
            var x = ToLong(a, span);
            var y = ToLong(b, span);
            if (y == 0)
            {
                throw new JinjaException("JINJA014", "integer division or modulo by zero", span);
            }

            var r = x % y;
            return r != 0 && ((r < 0) != (y < 0)) ? r + y : r;
        }

        var dx = ToDouble(a, span);
        var dy = ToDouble(b, span);
        if (dy == 0)
        {
            throw new JinjaException("JINJA014", "float modulo", span);
        }

        var m = dx % dy;
        if (m == 0)
        {
            return double.CopySign(0.0, dy);
        }

        return (m < 0) != (dy < 0) ? m + dy : m;
    }

    public static object? Pow(object? a, object? b, SourceSpan span)
    {
        if (!IsNumber(Check(a)) || !IsNumber(Check(b)))
        {
            throw Unsupported("** or pow()", a, b, span);
        }

        if (IsInteger(a) && IsInteger(b) && ToLong(b, span) >= 0)
        {
            var x = ToLong(a, span);
            var n = ToLong(b, span);
            if (x is -1 or 0 or 1)
            {
                return x == -1 ? (n % 2 == 0 ? 1L : -1L) : (n == 0 ? 1L : x);
            }

            long result = 1;
            try
            {
                for (var i = 0L; i < n; i++)
                {
                    result = checked(result * x);
                }
            }
            catch (OverflowException)
            {
                throw Overflow(span);
            }

            return result;
        }

        var fx = ToDouble(a, span);
        var fy = ToDouble(b, span);
        if (fx == 0 && fy < 0)
        {
            throw new JinjaException("JINJA014", "0.0 cannot be raised to a negative power", span);
        }

        if (fx < 0 && fy != Math.Floor(fy) && double.IsFinite(fy))
        {
            throw TypeError("a negative number raised to a fractional power is complex, which is not supported", span);
        }

        var power = Math.Pow(fx, fy);
        if (double.IsInfinity(power) && double.IsFinite(fx) && double.IsFinite(fy))
        {
            throw new JinjaException("JINJA014", "Numerical result out of range", span);
        }

        return power;
    }

    public static object? Negate(object? a, SourceSpan span) => Check(a) switch
    {
        long l when l != long.MinValue => -l,
        int i => -(long)i,
        bool b => b ? -1L : 0L,
        double d => -d,
        PyTimeDelta t => new PyTimeDelta(-t.Value),
        _ => throw TypeError($"bad operand type for unary -: '{TypeName(a)}'", span),
    };

    public static object? Plus(object? a, SourceSpan span) => Check(a) switch
    {
        bool b => b ? 1L : 0L,
        long or int or double => Normalize(a),
        _ => throw TypeError($"bad operand type for unary +: '{TypeName(a)}'", span),
    };
}
