using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% do expression %}</c> (jinja2.ext.do): evaluates and discards.</summary>
internal sealed class DoNode(Expr expression, SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output)
    {
        expression.Eval(scope);
        return Flow.Normal;
    }
}
