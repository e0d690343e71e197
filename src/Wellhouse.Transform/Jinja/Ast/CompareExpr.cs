using Wellhouse.Transform.Jinja.Lexing;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>A comparison chain <c>a &lt; b &lt;= c</c>, <c>in</c>, <c>not in</c>: true when every link holds.</summary>
internal sealed class CompareExpr(Expr first, IReadOnlyList<(string Op, Expr Operand)> rest, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var left = first.Eval(scope);
        foreach (var (op, operand) in rest)
        {
            var right = operand.Eval(scope);
            if (!Holds(op, left, right))
            {
                return false;
            }

            left = right;
        }

        return true;
    }

    private bool Holds(string op, object? a, object? b) => op switch
    {
        "==" => PyOps.Equal(a, b, Span),
        "!=" => !PyOps.Equal(a, b, Span),
        "<" => PyOps.Compare(a, b, op, Span) < 0,
        "<=" => PyOps.Compare(a, b, op, Span) <= 0,
        ">" => PyOps.Compare(a, b, op, Span) > 0,
        ">=" => PyOps.Compare(a, b, op, Span) >= 0,
        "in" => PyOps.Contains(b, a, Span),
        _ => !PyOps.Contains(b, a, Span),
    };

    public static string? OperatorOf(TokenKind kind) => kind switch
    {
        TokenKind.Eq => "==",
        TokenKind.Ne => "!=",
        TokenKind.Lt => "<",
        TokenKind.Le => "<=",
        TokenKind.Gt => ">",
        TokenKind.Ge => ">=",
        _ => null,
    };
}
