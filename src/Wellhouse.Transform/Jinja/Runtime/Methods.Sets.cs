namespace Wellhouse.Transform.Jinja.Runtime;

internal static partial class Methods
{
    private static readonly HashSet<string> SetMethods =
        ["add", "update", "discard", "remove", "union", "intersection", "difference", "issubset", "issuperset", "copy", "clear"];

    /// <summary>Python's set methods; arguments of union/intersection/difference/update may be any iterables.</summary>
    private static object? CallSet(PySet set, string name, JinjaCallArguments a)
    {
        var span = a.Span;
        IEnumerable<PySet> Others() => a.Positional.Select(o => new PySet(PyOps.Iterate(o, span), span));
        switch (name)
        {
            case "add":
                set.AddItem(a.Require(0, "elem"), span);
                return null;
            case "update":
                foreach (var item in Others().SelectMany(o => o))
                {
                    set.AddItem(item, span);
                }

                return null;
            case "discard" or "remove":
                var value = a.Require(0, "elem");
                var at = set.FindIndex(x => PyOps.Equal(x, value, span));
                if (at < 0 && name == "remove")
                {
                    throw new JinjaException("JINJA016", $"KeyError: {PyStr.Repr(value)}", span);
                }

                if (at >= 0)
                {
                    set.RemoveAt(at);
                }

                return null;
            case "union":
                return new PySet(set.Concat(Others().SelectMany(o => o)), span);
            case "intersection":
                return new PySet(set.Where(x => Others().All(o => o.Holds(x, span))), span);
            case "difference":
                return new PySet(set.Where(x => !Others().Any(o => o.Holds(x, span))), span);
            case "issubset":
                return set.IsSubsetOf(PyOps.Iterate(a.Require(0, "other"), span), span);
            case "issuperset":
                return new PySet(PyOps.Iterate(a.Require(0, "other"), span), span).IsSubsetOf(set, span);
            case "copy":
                return new PySet(set, span);
            case "clear":
                set.Clear();
                return null;
            default:
                throw PyOps.TypeError($"'set' object has no attribute '{name}'", span);
        }
    }
}
