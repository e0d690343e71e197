using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>target[key]</c>.</summary>
internal sealed class GetItemExpr(Expr target, Expr key, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope) => PyOps.GetItem(target.Eval(scope), key.Eval(scope), Span);
}
