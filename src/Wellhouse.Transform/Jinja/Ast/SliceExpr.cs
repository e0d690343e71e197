using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>target[start:stop:step]</c>; missing parts are null.</summary>
internal sealed class SliceExpr(Expr target, Expr? start, Expr? stop, Expr? step, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope) => PyOps.Slice(
        target.Eval(scope), start?.Eval(scope), stop?.Eval(scope), step?.Eval(scope), Span);
}
