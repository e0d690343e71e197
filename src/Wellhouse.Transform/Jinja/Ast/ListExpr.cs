using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>[a, b]</c> or, as a tuple, <c>(a, b)</c>.</summary>
internal sealed class ListExpr(IReadOnlyList<Expr> items, bool tuple, SourceSpan span) : Expr(span)
{
    public IReadOnlyList<Expr> Items { get; } = items;

    public bool IsTuple { get; } = tuple;

    public override object? Eval(Scope scope)
    {
        var list = new List<object?>(Items.Count);
        foreach (var item in Items)
        {
            list.Add(item.Eval(scope));
        }

        return IsTuple ? new PyTuple(list) : list;
    }
}
