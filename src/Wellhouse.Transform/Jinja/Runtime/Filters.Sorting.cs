namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Filters that order or compare items: sort, unique, min, max, dictsort, groupby (stable, case-insensitive
/// by default, as Jinja2).</summary>
internal static partial class Filters
{
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
                if (x.Keys[k] is Undefined && y.Keys[k] is Undefined)
                {
                    continue; // Python sorts a list of undefined keys without comparing them as unordered
                }

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
