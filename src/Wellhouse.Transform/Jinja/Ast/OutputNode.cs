using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>{{ expression }}</c>: writes Python's str() of the value.</summary>
internal sealed class OutputNode(Expr expression, SourceSpan span) : Node(span)
{
    /// <summary>The value of the expression (for native rendering).</summary>
    public object? Evaluate(Scope scope) => expression.Eval(scope);

    public override Flow Render(Scope scope, StringBuilder output)
    {
        var value = expression.Eval(scope);
        if (value is string s)
        {
            output.Append(s);
        }
        else
        {
            output.Append(PyStr.Str(value));
        }

        return Flow.Normal;
    }
}
