using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>a or b</c>: returns an operand, as Python does.</summary>
internal sealed class OrExpr(Expr left, Expr right, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var a = left.Eval(scope);
        return PyOps.Truthy(a, Span) ? a : right.Eval(scope);
    }
}
