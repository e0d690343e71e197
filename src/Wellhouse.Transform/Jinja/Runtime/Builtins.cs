namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Jinja2's default globals used by dbt projects: <c>range</c>, <c>dict</c>, <c>namespace</c>
/// (jinja2/defaults.py DEFAULT_NAMESPACE; lipsum, cycler and joiner are not provided).</summary>
internal static class Builtins
{
    private static readonly Dictionary<string, object?> Values = new()
    {
        ["range"] = new JinjaFunction(Range),
        ["dict"] = new JinjaFunction(a => new Dictionary<string, object?>(a.Keyword), takesUndefined: true),
        ["namespace"] = new JinjaFunction(NewNamespace, takesUndefined: true),
        ["joiner"] = new JinjaFunction(NewJoiner),
        ["cycler"] = new JinjaFunction(a => new Cycler([.. a.Positional])),
    };

    public static bool TryGet(string name, out object? value) => Values.TryGetValue(name, out value);

    /// <summary>range(stop) / range(start, stop[, step]) as a list of ints; sandboxed Jinja2 caps it at 100,000 items.</summary>
    private static object? Range(JinjaCallArguments a)
    {
        var p = a.Positional;
        if (p.Count is 0 or > 3)
        {
            throw PyOps.TypeError($"range expected at most 3 arguments, got {p.Count}", a.Span);
        }

        var start = p.Count == 1 ? 0 : PyOps.ToLong(p[0], a.Span);
        var stop = PyOps.ToLong(p[p.Count == 1 ? 0 : 1], a.Span);
        var step = p.Count == 3 ? PyOps.ToLong(p[2], a.Span) : 1;
        if (step == 0)
        {
            throw new JinjaException("JINJA016", "range() arg 3 must not be zero", a.Span);
        }

        var result = new List<object?>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            if (result.Count >= 100_000)
            {
                throw new JinjaException("JINJA016", "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).", a.Span);
            }

            result.Add(i);
        }

        return result;
    }

    /// <summary>joiner(sep=', '): a callable that returns '' the first time and sep afterwards.</summary>
    private static object? NewJoiner(JinjaCallArguments a)
    {
        var separator = a.GetString(0, "sep", ", ")!;
        var used = false;
        return new JinjaFunction(_ =>
        {
            if (used)
            {
                return separator;
            }

            used = true;
            return string.Empty;
        });
    }

    private static object? NewNamespace(JinjaCallArguments a)
    {
        var ns = new Namespace();
        foreach (var p in a.Positional)
        {
            if (PyOps.Check(p) is IDictionary<string, object?> d)
            {
                foreach (var (k, v) in d)
                {
                    ns.Values[k] = v;
                }
            }
        }

        foreach (var (k, v) in a.Keyword)
        {
            ns.Values[k] = v;
        }

        return ns;
    }
}
