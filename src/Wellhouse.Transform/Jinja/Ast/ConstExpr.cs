using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>A literal: string, number, true/false/none.</summary>
internal sealed class ConstExpr(object? value, SourceSpan span) : Expr(span)
{
    public object? Value { get; } = value;

    public override object? Eval(Scope scope) => Value;
}
