using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python semantics of template values: truthiness, type names, conversions.</summary>
internal static partial class PyOps
{
    public static JinjaException TypeError(string message, SourceSpan span) => new("JINJA010", message, span);

    public static object? Check(object? value)
    {
        if (value is Undefined u)
        {
            throw u.Error();
        }

        return value;
    }

    /// <summary>Python truthiness (Python docs, "Truth Value Testing").</summary>
    public static bool Truthy(object? value, SourceSpan span) => value switch
    {
        null => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0,
        string s => s.Length > 0,
        System.Collections.ICollection c => c.Count > 0,
        ICollection<KeyValuePair<string, object?>> d => d.Count > 0,
        Undefined => false,
        _ => true,
    };

    public static string TypeName(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        long or int => "int",
        double => "float",
        string => "str",
        PyTuple => "tuple",
        PySet => "set",
        IList<object?> => "list",
        IDictionary<string, object?> => "dict",
        Namespace => "Namespace",
        IJinjaCallable => "function",
        PyDateTime => "datetime.datetime",
        PyTimeDelta => "datetime.timedelta",
        _ => "object",
    };

    public static bool IsInteger(object? value) => value is long or int or bool;

    public static bool IsNumber(object? value) => value is long or int or bool or double;

    public static long ToLong(object? value, SourceSpan span) => value switch
    {
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        double d when d is >= -9.2233720368547758E18 and < 9.2233720368547758E18 => (long)Math.Truncate(d),
        double => throw new JinjaException("JINJA014", $"cannot convert {PyStr.Str(value)} to a 64-bit integer", span),
        Undefined u => throw u.Error(),
        _ => throw TypeError($"an integer is required, got {TypeName(value)}", span),
    };

    public static double ToDouble(object? value, SourceSpan span) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        Undefined u => throw u.Error(),
        _ => throw TypeError($"a number is required, got {TypeName(value)}", span),
    };

    /// <summary>Normalizes host numbers (int, float, decimal) to long/double.</summary>
    public static object? Normalize(object? value) => value switch
    {
        int i => (long)i,
        float f => (double)f,
        decimal m => (double)m,
        short s => (long)s,
        _ => value,
    };

    public static int Length(object? value, SourceSpan span) => value switch
    {
        string s => s.Length,
        System.Collections.ICollection c => c.Count,
        ICollection<KeyValuePair<string, object?>> d => d.Count,
        Undefined => 0,
        _ => throw TypeError($"object of type '{TypeName(value)}' has no len()", span),
    };
}
