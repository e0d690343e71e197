using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>value is name(args)</c>; the test is resolved at parse time.</summary>
internal sealed class TestExpr(Expr value, string name, Func<object?, JinjaCallArguments, bool> test, CallArgs args, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var input = value.Eval(scope);
        var arguments = args.Eval(scope, Span);
        try
        {
            return test(input, arguments);
        }
        catch (SystemException ex)
        {
            throw new JinjaException("JINJA016", $"test '{name}' failed: {ex.Message}", Span, ex);
        }
    }
}
