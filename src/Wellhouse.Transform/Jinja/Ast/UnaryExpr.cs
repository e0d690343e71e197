using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>-x</c>, <c>+x</c>, <c>not x</c>.</summary>
internal sealed class UnaryExpr(char op, Expr operand, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var value = operand.Eval(scope);
        return op switch
        {
            '-' => PyOps.Negate(value, Span),
            '+' => PyOps.Plus(value, Span),
            _ => !PyOps.Truthy(value, Span),
        };
    }
}
