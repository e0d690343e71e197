using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python's comparisons: numbers across int/float/bool, strings by code point, sequences
/// lexicographically; == never fails, ordering unlike types is a TypeError.</summary>
internal static partial class PyOps
{
    public static bool Equal(object? a, object? b, SourceSpan span)
    {
        if (a is Undefined || b is Undefined)
        {
            return a is Undefined && b is Undefined;
        }

        Check(a);
        Check(b);
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (IsNumber(a) && IsNumber(b))
        {
            return IsInteger(a) && IsInteger(b)
                ? ToLong(a, span) == ToLong(b, span)
                : ToDouble(a, span) == ToDouble(b, span);
        }

        switch (a, b)
        {
            case (string x, string y):
                return string.Equals(x, y, StringComparison.Ordinal);
            case (PySet x, PySet y):
                return x.SetEquals(y, span);
            case (IList<object?> x, IList<object?> y):
                if (x is PySet || y is PySet)
                {
                    return false;
                }

                if ((x is PyTuple) != (y is PyTuple) || x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!Equal(x[i], y[i], span))
                    {
                        return false;
                    }
                }

                return true;
            case (IDictionary<string, object?> x, IDictionary<string, object?> y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var (k, v) in x)
                {
                    if (!y.TryGetValue(k, out var w) || !Equal(v, w, span))
                    {
                        return false;
                    }
                }

                return true;
            case (PyDateTime x, PyDateTime y):
                return x.Value == y.Value;
            case (PyTimeDelta x, PyTimeDelta y):
                return x.Value == y.Value;
            default:
                return ReferenceEquals(a, b) || a.Equals(b);
        }
    }

    /// <summary>Orders two values (negative, zero, positive) or raises Python's TypeError.</summary>
    public static int Compare(object? a, object? b, string op, SourceSpan span)
    {
        Check(a);
        Check(b);
        if (IsNumber(a) && IsNumber(b))
        {
            return IsInteger(a) && IsInteger(b)
                ? ToLong(a, span).CompareTo(ToLong(b, span))
                : ToDouble(a, span).CompareTo(ToDouble(b, span));
        }

        switch (a, b)
        {
            case (string x, string y):
                return string.CompareOrdinal(x, y);
            case (IList<object?> x, IList<object?> y) when (x is PyTuple) == (y is PyTuple):
                for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
                {
                    if (!Equal(x[i], y[i], span))
                    {
                        return Compare(x[i], y[i], op, span);
                    }
                }

                return x.Count.CompareTo(y.Count);
            case (PyDateTime x, PyDateTime y):
                return x.Value.CompareTo(y.Value);
            case (PyTimeDelta x, PyTimeDelta y):
                return x.Value.CompareTo(y.Value);
            default:
                throw TypeError(
                    $"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'", span);
        }
    }

    /// <summary>Python's <c>item in container</c>.</summary>
    public static bool Contains(object? container, object? item, SourceSpan span)
    {
        switch (container)
        {
            case Undefined:
                return false;
            case string s:
                return item is string sub
                    ? s.Contains(sub, StringComparison.Ordinal)
                    : throw TypeError($"'in <string>' requires string as left operand, not {TypeName(item)}", span);
            case IDictionary<string, object?> d:
                return item is string key ? d.ContainsKey(key) : item is not Undefined && d.ContainsKey(Str(item));
            case IList<object?> l:
                foreach (var x in l)
                {
                    if (Equal(x, item, span))
                    {
                        return true;
                    }
                }

                return false;
            default:
                foreach (var x in Iterate(container, span))
                {
                    if (Equal(x, item, span))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    private static string Str(object? value) => PyStr.Str(value);
}
