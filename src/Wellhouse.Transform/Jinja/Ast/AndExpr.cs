using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>a and b</c>: returns an operand, as Python does.</summary>
internal sealed class AndExpr(Expr left, Expr right, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var a = left.Eval(scope);
        return PyOps.Truthy(a, Span) ? right.Eval(scope) : a;
    }
}
