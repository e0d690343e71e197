using System.Text;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary><c>a ~ b ~ c</c>: the str() of each part, joined.</summary>
internal sealed class ConcatExpr(IReadOnlyList<Expr> parts, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            sb.Append(PyStr.Str(part.Eval(scope)));
        }

        return sb.ToString();
    }
}
