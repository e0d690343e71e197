using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>a if test else b</c>; without else the result is undefined when the test is false (Jinja2).</summary>
internal sealed class CondExpr(Expr test, Expr then, Expr? otherwise, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        if (PyOps.Truthy(test.Eval(scope), Span))
        {
            return then.Eval(scope);
        }

        return otherwise is null
            ? new Undefined("JINJA012", "the inline if-expression on line " + Span.Line + " evaluated to false and no else section was defined.", Span)
            : otherwise.Eval(scope);
    }
}
