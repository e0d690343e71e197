namespace Wellhouse.Transform.Jinja.Runtime;

internal static partial class Methods
{
    private static object? CallList(IList<object?> list, string name, JinjaCallArguments a)
    {
        if (list.IsReadOnly && name is not ("index" or "count" or "copy"))
        {
            throw PyOps.TypeError($"'{PyOps.TypeName(list)}' object has no attribute '{name}'", a.Span);
        }

        switch (name)
        {
            case "append":
                list.Add(a.Require(0, "object"));
                return null;
            case "extend":
                foreach (var item in PyOps.ToList(a.Require(0, "iterable"), a.Span))
                {
                    list.Add(item);
                }

                return null;
            case "insert":
                var at = a.GetInt(0, "index");
                at = at < 0 ? Math.Max(0, at + list.Count) : Math.Min(at, list.Count);
                list.Insert((int)at, a.Require(1, "object"));
                return null;
            case "pop":
                if (list.Count == 0)
                {
                    throw ValueError("pop from empty list", a);
                }

                var i = a.GetInt(0, "index", -1);
                var index = i < 0 ? i + list.Count : i;
                if (index < 0 || index >= list.Count)
                {
                    throw ValueError("pop index out of range", a);
                }

                var popped = list[(int)index];
                list.RemoveAt((int)index);
                return popped;
            case "remove":
                var found = IndexOf(list, a.Require(0, "value"), a);
                if (found < 0)
                {
                    throw ValueError("list.remove(x): x not in list", a);
                }

                list.RemoveAt(found);
                return null;
            case "index":
                var position = IndexOf(list, a.Require(0, "value"), a);
                return position >= 0 ? (long)position : throw ValueError($"{PyStr.Repr(a.Get(0, "value"))} is not in list", a);
            case "count":
                var value = a.Require(0, "value");
                return (long)list.Count(x => PyOps.Equal(x, value, a.Span));
            case "reverse":
                var reversed = list.Reverse().ToList();
                list.Clear();
                reversed.ForEach(list.Add);
                return null;
            case "sort":
                var args = new JinjaCallArguments([], new Dictionary<string, object?> { ["reverse"] = a.GetBool(-1, "reverse"), ["case_sensitive"] = true }, null, a.Span);
                var sorted = (List<object?>)Filters.Builtin["sort"](list, args)!;
                list.Clear();
                sorted.ForEach(list.Add);
                return null;
            case "clear":
                list.Clear();
                return null;
            default:
                return new List<object?>(list);
        }
    }

    private static int IndexOf(IList<object?> list, object? value, JinjaCallArguments a)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (PyOps.Equal(list[i], value, a.Span))
            {
                return i;
            }
        }

        return -1;
    }

    private static object? CallDict(IDictionary<string, object?> dict, string name, JinjaCallArguments a)
    {
        switch (name)
        {
            case "items":
                return new PyView("dict_items", dict.Select(p => (object?)new PyTuple([p.Key, p.Value])).ToList());
            case "keys":
                return new PyView("dict_keys", dict.Keys.Cast<object?>().ToList());
            case "values":
                return new PyView("dict_values", dict.Values.Select(PyOps.Normalize).ToList());
            case "get":
                return dict.TryGetValue(Key(a.Require(0, "key")), out var v) ? PyOps.Normalize(v) : a.Get(1, "default");
            case "update":
                if (a.Positional.Count > 0)
                {
                    foreach (var (k, x) in Pairs(a.Positional[0], a))
                    {
                        dict[k] = x;
                    }
                }

                foreach (var (k, x) in a.Keyword)
                {
                    dict[k] = x;
                }

                return null;
            case "pop":
                var key = Key(a.Require(0, "key"));
                if (dict.TryGetValue(key, out var removed))
                {
                    RemoveKeepingOrder(dict, key);
                    return removed;
                }

                return a.Has(1, "default") ? a.Get(1, "default") : throw new JinjaException("JINJA013", $"KeyError: {PyStr.Repr(key)}", a.Span);
            case "setdefault":
                var name2 = Key(a.Require(0, "key"));
                if (!dict.TryGetValue(name2, out var existing))
                {
                    existing = a.Get(1, "default");
                    dict[name2] = existing;
                }

                return existing;
            case "copy":
                var copy = new Dictionary<string, object?>(dict.Count);
                foreach (var (k, x) in dict)
                {
                    copy[k] = x;
                }

                return copy;
            case "clear":
                dict.Clear();
                return null;
            default:
                if (dict.Count == 0)
                {
                    throw new JinjaException("JINJA013", "popitem(): dictionary is empty", a.Span);
                }

                var last = dict.Last();
                RemoveKeepingOrder(dict, last.Key);
                return new PyTuple([last.Key, last.Value]);
        }
    }

    /// <summary>Removes a key so that later insertions still come last: Dictionary reuses a freed slot, so the
    /// remaining entries are re-added in order (Python dicts keep insertion order).</summary>
    public static void RemoveKeepingOrder(IDictionary<string, object?> dict, string key)
    {
        var rest = dict.Where(p => p.Key != key).ToList();
        dict.Clear();
        foreach (var (k, v) in rest)
        {
            dict[k] = v;
        }
    }

    private static string Key(object? key) => key as string ?? PyStr.Str(key);

    private static IEnumerable<(string, object?)> Pairs(object? source, JinjaCallArguments a)
    {
        if (source is IDictionary<string, object?> d)
        {
            return d.Select(p => (p.Key, p.Value)).ToList();
        }

        return PyOps.ToList(source, a.Span).Select(item =>
        {
            var pair = PyOps.ToList(item, a.Span);
            return pair.Count == 2 ? (Key(pair[0]), pair[1]) : throw ValueError("dictionary update sequence element has wrong length", a);
        }).ToList();
    }
}
