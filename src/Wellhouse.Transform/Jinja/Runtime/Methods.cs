using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python methods of str, list and dict values callable from templates (Python docs, "Built-in Types").</summary>
internal static partial class Methods
{
    private static readonly HashSet<string> StringMethods =
    [
        "upper", "lower", "strip", "lstrip", "rstrip", "split", "rsplit", "startswith", "endswith", "replace",
        "format", "join", "title", "capitalize", "find", "rfind", "index", "rindex", "count", "isdigit", "isalpha",
        "isalnum", "isspace", "islower", "isupper", "isnumeric", "isdecimal", "istitle", "zfill", "center", "ljust",
        "rjust", "partition", "rpartition", "splitlines", "swapcase", "casefold", "removeprefix", "removesuffix",
    ];

    private static readonly HashSet<string> ListMethods =
        ["append", "extend", "insert", "pop", "remove", "index", "count", "reverse", "sort", "clear", "copy"];

    private static readonly HashSet<string> TupleMethods = ["index", "count"];

    private static readonly HashSet<string> DictMethods =
        ["items", "keys", "values", "get", "update", "pop", "setdefault", "copy", "clear", "popitem"];

    public static bool IsDictMethod(string name) => DictMethods.Contains(name);

    public static bool Has(object? target, string name) => target switch
    {
        string => StringMethods.Contains(name),
        PyTuple => TupleMethods.Contains(name),
        PySet => SetMethods.Contains(name),
        IList<object?> => ListMethods.Contains(name),
        IDictionary<string, object?> => DictMethods.Contains(name),
        PyDateTime dt => dt.HasMember(name),
        PyTimeDelta td => td.HasMember(name),
        _ => false,
    };

    public static object? Call(object target, string name, JinjaCallArguments a, SourceSpan span)
    {
        try
        {
            return target switch
            {
                string s => CallString(s, name, a),
                PySet s => CallSet(s, name, a),
                IList<object?> l => CallList(l, name, a),
                IDictionary<string, object?> d => CallDict(d, name, a),
                PyDateTime dt => dt.CallMethod(name, a),
                PyTimeDelta td => td.CallMethod(name, a),
                _ => throw PyOps.TypeError($"'{PyOps.TypeName(target)}' object has no attribute '{name}'", span),
            };
        }
        catch (SystemException ex)
        {
            throw new JinjaException("JINJA016", $"{PyOps.TypeName(target)}.{name}() failed: {ex.Message}", span, ex);
        }
    }

    private static JinjaException ValueError(string message, JinjaCallArguments a) => new("JINJA016", message, a.Span);
}
