using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>value | name(args)</c>; the filter is resolved at parse time. With a null value expression it is a
/// filter section applied to a rendered body (filter blocks, block set).</summary>
internal sealed class FilterExpr(Expr? value, string name, JinjaFilter filter, CallArgs args, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope) => Apply(value!.Eval(scope), scope);

    public object? Apply(object? input, Scope scope)
    {
        var arguments = args.Eval(scope, Span);
        try
        {
            return filter(input, arguments);
        }
        catch (SystemException ex)
        {
            throw new JinjaException("JINJA016", $"filter '{name}' failed: {ex.Message}", Span, ex);
        }
    }

    public FilterExpr WithInput(Expr input) => new(input, name, filter, args, Span);
}
