using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{% call(params) macro(args) %}body{% endcall %}</c>: calls the macro with the body as <c>caller</c>.</summary>
internal sealed class CallBlockNode(CallExpr call, MacroDefinition caller, SourceSpan span) : Node(span)
{
    public override Flow Render(Scope scope, StringBuilder output)
    {
        var value = call.Eval(scope, new MacroCallable(caller, scope));
        output.Append(PyStr.Str(value));
        return Flow.Normal;
    }
}
