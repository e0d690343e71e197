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

    private static object? Sort(object? value, JinjaCallArguments a)
    {
        var reverse = a.GetBool(0, "reverse");
        var caseSensitive = a.GetBool(1, "case_sensitive");
        var attribute = a.GetString(2, "attribute");
        var items = PyOps.ToList(value, a.Span);
        var paths = attribute?.Split(',');
        var keyed = items.Select(i => (Item: i, Keys: paths is null
            ? [SortKey(i, null, caseSensitive, a)]
            : paths.Select(p => SortKey(i, p.Trim(), caseSensitive, a)).ToArray())).ToList();
        int Compare((object? Item, object?[] Keys) x, (object? Item, object?[] Keys) y)
        {
            for (var k = 0; k < x.Keys.Length; k++)
            {
                var c = PyOps.Compare(x.Keys[k], y.Keys[k], "<", a.Span);
                if (c != 0)
                {
                    return reverse ? -c : c;
                }
            }

            return 0;
        }

        return StableSort(keyed, Compare).Select(k => k.Item).ToList();
    }

    private static List<T> StableSort<T>(List<T> items, Comparison<T> compare)
    {
        var indexed = items.Select((item, i) => (item, i)).ToList();
        indexed.Sort((x, y) =>
        {
            var c = compare(x.item, y.item);
            return c != 0 ? c : x.i.CompareTo(y.i);
        });
        return indexed.Select(x => x.item).ToList();
    }

    private static object? Unique(object? value, JinjaCallArguments a)
    {
        var caseSensitive = a.GetBool(0, "case_sensitive");
        var attribute = a.GetString(1, "attribute");
        var seen = new List<object?>();
        var result = new List<object?>();
        foreach (var item in PyOps.Iterate(value, a.Span))
        {
            var key = SortKey(item, attribute, caseSensitive, a);
            if (key is IDictionary<string, object?> || (key is IList<object?> && key is not PyTuple))
            {
                throw PyOps.TypeError($"unhashable type: '{PyOps.TypeName(key)}'", a.Span);
            }

            if (!seen.Any(s => PyOps.Equal(s, key, a.Span)))
            {
                seen.Add(key);
                result.Add(item);
            }
        }

        return result;
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

    private static object? MinMax(object? value, JinjaCallArguments a, bool max)
    {
        var caseSensitive = a.GetBool(0, "case_sensitive");
        var attribute = a.GetString(1, "attribute");
        object? best = null;
        object? bestKey = null;
        var any = false;
        foreach (var item in PyOps.Iterate(value, a.Span))
        {
            var key = SortKey(item, attribute, caseSensitive, a);
            if (!any || (max ? PyOps.Compare(key, bestKey, ">", a.Span) > 0 : PyOps.Compare(key, bestKey, "<", a.Span) < 0))
            {
                best = item;
                bestKey = key;
                any = true;
            }
        }

        return any ? best : new Undefined("JINJA013", "No aggregated item, sequence was empty.", a.Span);
    }

    private static object? DictSort(object? value, JinjaCallArguments a)
    {
        if (PyOps.Check(value) is not IDictionary<string, object?> dict)
        {
            throw PyOps.TypeError("dictsort requires a mapping", a.Span);
        }

        var caseSensitive = a.GetBool(0, "case_sensitive");
        var by = a.GetString(1, "by", "key");
        var reverse = a.GetBool(2, "reverse");
        var pos = by == "value" ? 1 : 0;
        var pairs = dict.Select(p => new PyTuple([p.Key, p.Value])).ToList();
        var sorted = StableSort(pairs, (x, y) =>
        {
            var c = PyOps.Compare(SortKey(x[pos], null, caseSensitive, a), SortKey(y[pos], null, caseSensitive, a), "<", a.Span);
            return reverse ? -c : c;
        });
        return sorted.Cast<object?>().ToList();
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

    private static object? GroupBy(object? value, JinjaCallArguments a)
    {
        var attribute = a.GetString(0, "attribute")!;
        var dflt = a.Get(1, "default");
        var caseSensitive = a.GetBool(2, "case_sensitive");
        var items = PyOps.ToList(value, a.Span);
        var keyed = items.Select(i =>
        {
            var k = Attribute(i, attribute, a);
            k = k is Undefined && dflt is not null ? dflt : PyOps.Check(k);
            return (Item: i, Key: k, SortKey: !caseSensitive && k is string s ? s.ToLowerInvariant() : k);
        }).ToList();
        var sorted = StableSort(keyed, (x, y) => PyOps.Compare(x.SortKey, y.SortKey, "<", a.Span));
        var result = new List<object?>();
        string[] names = ["grouper", "list"];
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            var group = new List<object?>();
            while (j < sorted.Count && PyOps.Equal(sorted[j].SortKey, sorted[i].SortKey, a.Span))
            {
                group.Add(sorted[j].Item);
                j++;
            }

            result.Add(new PyTuple([sorted[i].Key, group], names));
            i = j;
        }

        return result;
    }
}
