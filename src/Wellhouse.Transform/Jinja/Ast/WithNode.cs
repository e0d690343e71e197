using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% with a = 1, b = a %}body{% endwith %}</c>: an inner scope whose variables are evaluated in the
/// outer scope (Jinja2: the values are evaluated before any target is assigned).</summary>
internal sealed class WithNode(IReadOnlyList<(AssignTarget Target, Expr Value)> assignments, IReadOnlyList<Node> body, SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output)
    {
        var inner = new Scope(scope.Context, scope);
        var values = assignments.Select(a => a.Value.Eval(scope)).ToList();
        for (var i = 0; i < values.Count; i++)
        {
            assignments[i].Target.Assign(inner, values[i]);
        }

        return RenderAll(body, inner, output);
    }
}
