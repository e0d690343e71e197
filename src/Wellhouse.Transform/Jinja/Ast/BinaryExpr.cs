using Wellhouse.Transform.Jinja.Lexing;
using Wellhouse.Transform.Jinja.Runtime;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Ast;

/// <summary>Arithmetic: <c>+ - * / // % **</c>.</summary>
internal sealed class BinaryExpr(TokenKind op, Expr left, Expr right, SourceSpan span) : Expr(span)
{
    public override object? Eval(Scope scope)
    {
        var a = left.Eval(scope);
        var b = right.Eval(scope);
        return op switch
        {
            TokenKind.Add => PyOps.Add(a, b, Span),
            TokenKind.Sub => PyOps.Sub(a, b, Span),
            TokenKind.Mul => PyOps.Mul(a, b, Span),
            TokenKind.Div => PyOps.Div(a, b, Span),
            TokenKind.FloorDiv => PyOps.FloorDiv(a, b, Span),
            TokenKind.Mod => PyOps.Mod(a, b, Span),
            _ => PyOps.Pow(a, b, Span),
        };
    }
}
