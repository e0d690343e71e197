using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>A variable reference; undefined names give an undefined value that fails when used.</summary>
internal sealed class NameExpr(string name, SourceSpan span) : Expr(span)
{
    public string Name { get; } = name;

    public override object? Eval(Scope scope) => scope.Lookup(Name, Span);
}
