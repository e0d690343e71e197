using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% if %}...{% elif %}...{% else %}...{% endif %}</c>; does not open a scope.</summary>
internal sealed class IfNode(IReadOnlyList<(Expr Test, IReadOnlyList<Node> Body)> branches, IReadOnlyList<Node>? otherwise, SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output)
    {
        foreach (var (test, body) in branches)
        {
            if (PyOps.Truthy(test.Eval(scope), test.Span))
            {
                return RenderAll(body, scope, output);
            }
        }

        return otherwise is null ? Flow.Normal : RenderAll(otherwise, scope, output);
    }
}
