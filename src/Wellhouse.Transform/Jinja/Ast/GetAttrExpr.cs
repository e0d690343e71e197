using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>target.name</c>.</summary>
internal sealed class GetAttrExpr(Expr target, string name, SourceSpan span) : Expr(span)
{
    public Expr Target { get; } = target;

    public string Name { get; } = name;

    public override object? Eval(Scope scope)
    {
        var target = Target.Eval(scope);
        return target is Undefined && scope.Context.ChainableUndefined ? target : PyOps.GetAttr(target, Name, Span);
    }
}
