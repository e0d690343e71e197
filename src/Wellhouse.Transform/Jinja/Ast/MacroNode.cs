using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% macro name(params) %}body{% endmacro %}</c>: defines the macro in the current scope.</summary>
internal sealed class MacroNode(MacroDefinition definition, SourceSpan span) : Node(span)
{
    public MacroDefinition Definition { get; } = definition;

    public override Flow Render(Scope scope, StringBuilder output)
    {
        scope.Set(Definition.Name, new MacroCallable(Definition, scope));
        return Flow.Normal;
    }
}
