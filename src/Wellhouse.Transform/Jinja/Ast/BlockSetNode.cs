using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% set name | filters %}body{% endset %}</c>: stores the rendered body.</summary>
internal sealed class BlockSetNode(AssignTarget target, IReadOnlyList<FilterExpr> filters, IReadOnlyList<Node> body, SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output)
    {
        var sb = new StringBuilder();
        RenderAll(body, scope, sb);
        object? value = sb.ToString();
        foreach (var filter in filters)
        {
            value = filter.Apply(value, scope);
        }

        target.Assign(scope, value);
        return Flow.Normal;
    }
}
