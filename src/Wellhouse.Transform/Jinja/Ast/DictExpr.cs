using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{'a': 1}</c>; keys become their str().</summary>
internal sealed class DictExpr(IReadOnlyList<(Expr Key, Expr Value)> items, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var dict = new Dictionary<string, object?>(items.Count);
        foreach (var (key, value) in items)
        {
            dict[PyStr.Str(key.Eval(scope))] = value.Eval(scope);
        }

        return dict;
    }
}
