using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>An expression; evaluates to a template value in a scope.</summary>
internal abstract class Expr(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    public abstract object? Eval(Scope scope);
}
