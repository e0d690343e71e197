using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>A block that renders nothing where it stands (dbt's <c>{% docs %}</c>).</summary>
internal sealed class NoOutputNode(SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output) => Flow.Normal;
}
