namespace Wellhouse.Transform.Jinja.Runtime;

internal static partial class Filters
{
    /// <summary>A dotted attribute path (<c>a.b.0</c>) as Jinja2's make_attrgetter: each part by item access,
    /// numeric parts as integers.</summary>
    private static object? Attribute(object? item, string path, JinjaCallArguments a)
    {
        foreach (var part in path.Split('.'))
        {
            item = long.TryParse(part, out var index)
                ? PyOps.GetItem(item, index, a.Span)
                : PyOps.GetItem(item, part, a.Span);
        }

        return item;
    }

    private static object? SortKey(object? item, string? attribute, bool caseSensitive, JinjaCallArguments a)
    {
        var key = attribute is null ? item : Attribute(item, attribute, a);
        return !caseSensitive && key is string s ? s.ToLowerInvariant() : key;
    }

    private static object? Map(object? value, JinjaCallArguments a)
    {
        if (!PyOps.Truthy(value, a.Span))
        {
            return new List<object?>();
        }

        var items = PyOps.ToList(value, a.Span);
        if (a.Keyword.TryGetValue("attribute", out var attr))
        {
            var path = PyStr.Str(attr);
            var hasDefault = a.Keyword.TryGetValue("default", out var dflt);
            return items.Select(i =>
            {
                var v = Attribute(i, path, a);
                return v is Undefined && hasDefault ? dflt : v;
            }).ToList();
        }

        if (a.Positional.Count == 0)
        {
            return items;
        }

        var name = PyStr.Str(a.Positional[0]);
        if (!Builtin.TryGetValue(name, out var filter))
        {
            throw new JinjaException("JINJA002", $"No filter named '{name}'.", a.Span);
        }

        var rest = new JinjaCallArguments([.. a.Positional.Skip(1)], a.Keyword, null, a.Span);
        return items.Select(i => filter(i, rest)).ToList();
    }

    private static object? Select(object? value, JinjaCallArguments a, bool attribute, bool keep)
    {
        if (!PyOps.Truthy(value, a.Span))
        {
            return new List<object?>();
        }

        var items = PyOps.ToList(value, a.Span);
        var offset = attribute ? 1 : 0;
        var path = attribute ? PyStr.Str(a.Positional.Count > 0 ? a.Positional[0] : null) : null;
        Func<object?, bool> check;
        if (a.Positional.Count > offset)
        {
            var name = PyStr.Str(a.Positional[offset]);
            if (!Tests.Builtin.TryGetValue(name, out var test))
            {
                throw new JinjaException("JINJA002", $"No test named '{name}'.", a.Span);
            }

            var rest = new JinjaCallArguments([.. a.Positional.Skip(offset + 1)], a.Keyword, null, a.Span);
            check = v => test(v, rest);
        }
        else
        {
            check = v => PyOps.Truthy(v, a.Span);
        }

        return items.Where(i => check(path is null ? i : Attribute(i, path, a)) == keep).ToList();
    }

    private static object? Sum(object? value, JinjaCallArguments a)
    {
        var attribute = a.GetString(0, "attribute");
        var total = a.Get(1, "start", 0L);
        foreach (var item in PyOps.Iterate(value, a.Span))
        {
            total = PyOps.Add(total, attribute is null ? item : Attribute(item, attribute, a), a.Span);
        }

        return total;
    }

    private static object? Batch(object? value, JinjaCallArguments a)
    {
        var size = (int)a.GetInt(0, "linecount", 1);
        var hasFill = a.Has(1, "fill_with") && a.Get(1, "fill_with") is not null;
        var fill = a.Get(1, "fill_with");
        var result = new List<object?>();
        List<object?>? current = null;
        foreach (var item in PyOps.Iterate(value, a.Span))
        {
            current ??= [];
            current.Add(item);
            if (current.Count == size)
            {
                result.Add(current);
                current = null;
            }
        }

        if (current is not null)
        {
            while (hasFill && current.Count < size)
            {
                current.Add(fill);
            }

            result.Add(current);
        }

        return result;
    }

    private static object? SliceFilter(object? value, JinjaCallArguments a)
    {
        var seq = PyOps.ToList(value, a.Span);
        var slices = (int)a.GetInt(0, "slices", 1);
        var fill = a.Get(1, "fill_with");
        var perSlice = seq.Count / slices;
        var withExtra = seq.Count % slices;
        var offset = 0;
        var result = new List<object?>();
        for (var n = 0; n < slices; n++)
        {
            var start = offset + (n * perSlice);
            if (n < withExtra)
            {
                offset++;
            }

            var end = offset + ((n + 1) * perSlice);
            var part = seq.GetRange(start, end - start);
            if (fill is not null && n >= withExtra)
            {
                part.Add(fill);
            }

            result.Add(part);
        }

        return result;
    }
}
