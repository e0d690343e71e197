using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Attribute and item access as Jinja2 does it (Environment.getattr / getitem): <c>a.b</c> tries the
/// attribute (methods) then the item; <c>a['b']</c> tries the item then the attribute. Missing ones are
/// undefined values, which fail only when used.</summary>
internal static partial class PyOps
{
    public static object? GetAttr(object? obj, string name, SourceSpan span)
    {
        switch (Check(obj))
        {
            case IJinjaObject host:
                if (host.TryGetAttribute(name, out var value))
                {
                    return Normalize(value);
                }

                break;
            case IDictionary<string, object?> dict:
                if (Methods.IsDictMethod(name))
                {
                    return new BoundMethod(dict, name);
                }

                if (dict.TryGetValue(name, out var item))
                {
                    return Normalize(item);
                }

                break;
            case PyTuple { Names: { } names } tuple when names.Contains(name):
                return tuple[names.ToList().IndexOf(name)];
            case string or IList<object?> or PyDateTime or PyTimeDelta when Methods.Has(obj, name):
                return Attribute(obj, name);
        }

        return NoAttribute(obj, name, span);
    }

    private static object? Attribute(object? obj, string name) => obj switch
    {
        PyDateTime dt when dt.TryGetAttribute(name, out var v) => v,
        PyTimeDelta td when td.TryGetAttribute(name, out var v) => v,
        _ => new BoundMethod(obj!, name),
    };

    private static Undefined NoAttribute(object? obj, string name, SourceSpan span) =>
        new("JINJA013", $"'{ObjectName(obj)}' has no attribute '{name}'", span);

    private static string ObjectName(object? obj) => obj is null ? "None" : TypeName(obj) + " object";

    public static object? GetItem(object? obj, object? key, SourceSpan span)
    {
        Check(key);
        switch (Check(obj))
        {
            case IDictionary<string, object?> dict:
                var k = key as string ?? PyStr.Str(key);
                return dict.TryGetValue(k, out var value) ? Normalize(value) : NoAttribute(obj, k, span);
            case IList<object?> list when IsInteger(key):
                var i = ToLong(key, span);
                var index = i < 0 ? i + list.Count : i;
                return index >= 0 && index < list.Count
                    ? list[(int)index]
                    : new Undefined("JINJA013", $"{ObjectName(obj)} has no element {i}", span);
            case IReadOnlyList<object?> rows when IsInteger(key) && obj is IJinjaObject:
                var r = ToLong(key, span);
                var row = r < 0 ? r + rows.Count : r;
                return row >= 0 && row < rows.Count
                    ? rows[(int)row]
                    : new Undefined("JINJA013", $"{ObjectName(obj)} has no element {r}", span);
            case string s when IsInteger(key):
                var j = ToLong(key, span);
                var at = j < 0 ? j + s.Length : j;
                return at >= 0 && at < s.Length
                    ? s[(int)at].ToString()
                    : new Undefined("JINJA013", $"{ObjectName(obj)} has no element {j}", span);
            case IJinjaObject host when key is string name:
                return host.TryGetAttribute(name, out var v) ? Normalize(v) : NoAttribute(obj, name, span);
        }

        if (key is string attr)
        {
            return GetAttr(obj, attr, span);
        }

        return new Undefined("JINJA013", $"{ObjectName(obj)} has no element {PyStr.Repr(key)}", span);
    }

    /// <summary>Python's slice <c>obj[start:stop:step]</c> on lists, tuples and strings.</summary>
    public static object? Slice(object? obj, object? start, object? stop, object? step, SourceSpan span)
    {
        var length = Check(obj) switch
        {
            string s => s.Length,
            IList<object?> l => l.Count,
            _ => throw TypeError($"'{TypeName(obj)}' object is not subscriptable", span),
        };
        var st = step is null ? 1 : ToLong(step, span);
        if (st == 0)
        {
            throw new JinjaException("JINJA016", "slice step cannot be zero", span);
        }

        var indices = new List<int>();
        long Clamp(object? v, long dflt, long lo, long hi)
        {
            if (v is null)
            {
                return dflt;
            }

            var x = ToLong(v, span);
            if (x < 0)
            {
                x += length;
            }

            return Math.Clamp(x, lo, hi);
        }

        if (st > 0)
        {
            var a = Clamp(start, 0, 0, length);
            var b = Clamp(stop, length, 0, length);
            for (var i = a; i < b; i += st)
            {
                indices.Add((int)i);
            }
        }
        else
        {
            var a = Clamp(start, length - 1, -1, length - 1);
            var b = Clamp(stop, -1, -1, length - 1);
            for (var i = a; i > b; i += st)
            {
                indices.Add((int)i);
            }
        }

        if (obj is string str)
        {
            var chars = new char[indices.Count];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = str[indices[i]];
            }

            return new string(chars);
        }

        var list = (IList<object?>)obj!;
        var items = new List<object?>(indices.Count);
        foreach (var i in indices)
        {
            items.Add(list[i]);
        }

        return obj is PyTuple ? new PyTuple(items) : items;
    }

    /// <summary>Python iteration: strings by character, dicts by key, lists by item.</summary>
    public static IEnumerable<object?> Iterate(object? value, SourceSpan span)
    {
        if (value is Undefined)
        {
            return [];
        }

        switch (Check(value))
        {
            case string s:
                return IterateString(s);
            case IList<object?> l:
                return l;
            case IDictionary<string, object?> d:
                return d.Keys;
            case IEnumerable<object?> e:
                return e;
            case System.Collections.IEnumerable e:
                return e.Cast<object?>().Select(Normalize);
            default:
                throw TypeError($"'{TypeName(value)}' object is not iterable", span);
        }
    }

    /// <summary>Materializes an iterable as a list (Python's list(x)).</summary>
    public static List<object?> ToList(object? value, SourceSpan span) => [.. Iterate(value, span)];

    private static IEnumerable<object?> IterateString(string s)
    {
        foreach (var c in s)
        {
            yield return c.ToString();
        }
    }
}
