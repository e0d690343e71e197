using System.Text;
using Wellhouse.Transform.Jinja.Ast;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>The <c>loop</c> variable of a for loop (Jinja2 "Template Designer Documentation", For):
/// index, index0, revindex, revindex0, first, last, length, previtem, nextitem, depth, depth0, cycle(), changed();
/// callable as <c>loop(items)</c> in recursive loops.</summary>
internal sealed class LoopContext(IReadOnlyList<object?> items, int depth, ForNode? recursive, Scope scope)
    : IJinjaObject, IJinjaCallable
{
    private object? lastChanged = Unset;

    private static readonly object Unset = new();

    public int Index0 { get; set; }

    public bool TryGetAttribute(string name, out object? value)
    {
        var n = items.Count;
        value = name switch
        {
            "index" => (long)Index0 + 1,
            "index0" => (long)Index0,
            "revindex" => (long)(n - Index0),
            "revindex0" => (long)(n - Index0 - 1),
            "first" => Index0 == 0,
            "last" => Index0 == n - 1,
            "length" => (long)n,
            "depth" => (long)depth,
            "depth0" => (long)depth - 1,
            "previtem" => Index0 > 0
                ? items[Index0 - 1]
                : new Undefined("JINJA013", "there is no previous item", default),
            "nextitem" => Index0 < n - 1
                ? items[Index0 + 1]
                : new Undefined("JINJA013", "there is no next item", default),
            "cycle" => new JinjaFunction(Cycle),
            "changed" => new JinjaFunction(Changed),
            _ => Unset,
        };
        if (ReferenceEquals(value, Unset))
        {
            value = null;
            return false;
        }

        return true;
    }

    private object? Cycle(JinjaCallArguments args)
    {
        if (args.Positional.Count == 0)
        {
            throw PyOps.TypeError("no items for cycling given", args.Span);
        }

        return args.Positional[Index0 % args.Positional.Count];
    }

    private object? Changed(JinjaCallArguments args)
    {
        var value = new PyTuple([.. args.Positional]);
        if (!ReferenceEquals(lastChanged, Unset) && PyOps.Equal(lastChanged, value, args.Span))
        {
            return false;
        }

        lastChanged = value;
        return true;
    }

    public object? Call(JinjaCallArguments arguments)
    {
        if (recursive is null)
        {
            throw PyOps.TypeError("Tried to call non recursive loop. Maybe you forgot the 'recursive' modifier.", arguments.Span);
        }

        var sb = new StringBuilder();
        recursive.RenderLoop(arguments.Get(0, "iterable"), scope, sb, depth + 1);
        return sb.ToString();
    }

    public override string ToString() => $"<LoopContext {Index0 + 1}/{items.Count}>";
}
