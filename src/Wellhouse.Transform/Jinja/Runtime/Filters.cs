namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Jinja2's builtin filters (jinja2/filters.py; "List of Builtin Filters" in the Jinja2 documentation),
/// written anew with Python semantics.</summary>
internal static partial class Filters
{
    public static readonly IReadOnlyDictionary<string, JinjaFilter> Builtin = new Dictionary<string, JinjaFilter>
    {
        ["abs"] = Abs,
        ["attr"] = Attr,
        ["batch"] = Batch,
        ["capitalize"] = (v, _) => Capitalize(PyStr.Str(v)),
        ["center"] = (v, a) => Center(PyStr.Str(v), (int)a.GetInt(0, "width", 80)),
        ["count"] = (v, a) => (long)PyOps.Length(v, a.Span),
        ["d"] = Default,
        ["default"] = Default,
        ["dictsort"] = DictSort,
        ["e"] = (v, _) => Escape(PyStr.Str(v)),
        ["escape"] = (v, _) => Escape(PyStr.Str(v)),
        ["first"] = First,
        ["float"] = Float,
        ["forceescape"] = (v, _) => Escape(PyStr.Str(v)),
        ["format"] = (v, a) => PercentFormat.Format(PyStr.Str(v), a.Keyword.Count > 0 ? ToDict(a.Keyword) : new PyTuple([.. a.Positional]), a.Span),
        ["groupby"] = GroupBy,
        ["indent"] = Indent,
        ["int"] = Int,
        ["items"] = Items,
        ["join"] = Join,
        ["last"] = Last,
        ["length"] = (v, a) => (long)PyOps.Length(v, a.Span),
        ["list"] = (v, a) => PyOps.ToList(v, a.Span),
        ["lower"] = (v, _) => PyStr.Str(v).ToLowerInvariant(),
        ["map"] = Map,
        ["max"] = (v, a) => MinMax(v, a, max: true),
        ["min"] = (v, a) => MinMax(v, a, max: false),
        ["reject"] = (v, a) => Select(v, a, attribute: false, keep: false),
        ["rejectattr"] = (v, a) => Select(v, a, attribute: true, keep: false),
        ["replace"] = Replace,
        ["reverse"] = Reverse,
        ["round"] = Round,
        ["safe"] = (v, _) => v,
        ["select"] = (v, a) => Select(v, a, attribute: false, keep: true),
        ["selectattr"] = (v, a) => Select(v, a, attribute: true, keep: true),
        ["slice"] = SliceFilter,
        ["sort"] = Sort,
        ["string"] = (v, _) => PyStr.Str(v),
        ["striptags"] = (v, _) => StripTags(PyStr.Str(v)),
        ["sum"] = Sum,
        ["title"] = (v, _) => Title(PyStr.Str(v)),
        ["tojson"] = (v, a) => Json.Dumps(v, a.Has(0, "indent") ? a.Get(0, "indent") : null, a.Span),
        ["trim"] = (v, a) => Methods.Strip(PyStr.Str(v), a.Get(0, "chars") as string, left: true, right: true),
        ["truncate"] = Truncate,
        ["unique"] = Unique,
        ["upper"] = (v, _) => Methods.Upper(PyStr.Str(v)),
        ["wordcount"] = (v, _) => WordCount(PyStr.Str(v)),
    };

    private static Dictionary<string, object?> ToDict(IReadOnlyDictionary<string, object?> source) =>
        source.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>default(value, default_value='', boolean=False).</summary>
    private static object? Default(object? value, JinjaCallArguments a)
    {
        var fallback = a.Get(0, "default_value", string.Empty);
        var boolean = a.GetBool(1, "boolean");
        if (value is Undefined)
        {
            return fallback;
        }

        return boolean && !PyOps.Truthy(value, a.Span) ? fallback : value;
    }

    private static object? Abs(object? value, JinjaCallArguments a) => PyOps.Check(value) switch
    {
        long l => l == long.MinValue ? throw new JinjaException("JINJA014", "integer overflow", a.Span) : (object)Math.Abs(l),
        bool b => b ? 1L : 0L,
        double d => Math.Abs(d),
        _ => throw PyOps.TypeError($"bad operand type for abs(): '{PyOps.TypeName(value)}'", a.Span),
    };

    /// <summary>attr(name): the attribute only, never an item (jinja2 do_attr).</summary>
    private static object? Attr(object? value, JinjaCallArguments a)
    {
        var name = a.GetString(0, "name")!;
        return value is IDictionary<string, object?> && !Methods.IsDictMethod(name)
            ? new Undefined("JINJA013", $"'dict object' has no attribute '{name}'", a.Span)
            : PyOps.GetAttr(value, name, a.Span);
    }

    private static object? First(object? value, JinjaCallArguments a)
    {
        foreach (var item in PyOps.Iterate(value, a.Span))
        {
            return item;
        }

        return new Undefined("JINJA013", "No first item, sequence was empty.", a.Span);
    }

    private static object? Last(object? value, JinjaCallArguments a)
    {
        var list = PyOps.ToList(value, a.Span);
        return list.Count > 0 ? list[^1] : new Undefined("JINJA013", "No last item, sequence was empty.", a.Span);
    }

    private static object? Reverse(object? value, JinjaCallArguments a)
    {
        if (value is string s)
        {
            var chars = s.ToCharArray();
            Array.Reverse(chars);
            return new string(chars);
        }

        var list = PyOps.ToList(value, a.Span);
        list.Reverse();
        return list;
    }

    private static object? Items(object? value, JinjaCallArguments a)
    {
        if (value is null or Undefined)
        {
            return new List<object?>();
        }

        if (PyOps.Check(value) is not IDictionary<string, object?> dict)
        {
            throw PyOps.TypeError("Can only get item pairs from a mapping.", a.Span);
        }

        return dict.Select(p => (object?)new PyTuple([p.Key, p.Value])).ToList();
    }
}
