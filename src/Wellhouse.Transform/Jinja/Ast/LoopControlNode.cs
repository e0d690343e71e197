using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% break %}</c> or <c>{% continue %}</c> (jinja2.ext.loopcontrols, enabled by dbt).</summary>
internal sealed class LoopControlNode(Flow flow, SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output) => flow;
}
