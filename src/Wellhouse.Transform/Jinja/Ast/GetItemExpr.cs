using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>target[key]</c>.</summary>
internal sealed class GetItemExpr(Expr target, Expr key, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var obj = target.Eval(scope);
        var k = key.Eval(scope);
        return obj is Undefined && scope.Context.ChainableUndefined ? obj : PyOps.GetItem(obj, k, Span);
    }
}
