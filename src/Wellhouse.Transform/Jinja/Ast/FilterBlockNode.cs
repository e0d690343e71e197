using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% filter upper %}body{% endfilter %}</c>.</summary>
internal sealed class FilterBlockNode(IReadOnlyList<FilterExpr> filters, IReadOnlyList<Node> body, SourceSpan span) : Node(span)
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

        output.Append(PyStr.Str(value));
        return Flow.Normal;
    }
}
