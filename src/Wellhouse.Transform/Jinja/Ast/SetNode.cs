using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% set target = value %}</c>.</summary>
internal sealed class SetNode(AssignTarget target, Expr value, SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output)
    {
        target.Assign(scope, value.Eval(scope));
        return Flow.Normal;
    }
}
