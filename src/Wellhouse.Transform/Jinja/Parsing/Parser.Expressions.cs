using System.Globalization;
using Wellhouse.Transform.Jinja.Ast;
using Wellhouse.Transform.Jinja.Lexing;

namespace Wellhouse.Transform.Jinja.Parsing;

/// <summary>Expressions, lowest precedence first: tuple, conditional, or, and, not, comparison, + -, ~, * / // %,
/// **, unary - +, then primary with postfix (. [] ()) and filters/tests (jinja2/parser.py order).</summary>
internal sealed partial class Parser
{
    private Expr ParseTuple(bool withCondExpr, string? extraEnd = null, bool explicitParens = false)
    {
        var start = Current;
        var items = new List<Expr>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Comma);
            }

            if (IsTupleEnd(extraEnd))
            {
                break;
            }

            items.Add(ParseExpression(withCondExpr));
            if (Current.Kind == TokenKind.Comma)
            {
                isTuple = true;
            }
            else
            {
                break;
            }
        }

        if (!isTuple)
        {
            if (items.Count == 1)
            {
                return items[0];
            }

            if (!explicitParens)
            {
                throw Error($"Expected an expression, got {Current.Describe()}", Current);
            }
        }

        return new ListExpr(items, tuple: true, SpanOf(start));
    }

    private bool IsTupleEnd(string? extraEnd) =>
        Current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd or TokenKind.RParen
        || (extraEnd is not null && Current.IsName(extraEnd));

    private Expr ParseExpression(bool withCondExpr)
    {
        if (!withCondExpr)
        {
            return ParseOr();
        }

        var expr = ParseOr();
        while (Current.IsName("if"))
        {
            var tag = Advance();
            var test = ParseOr();
            var otherwise = AcceptName("else") ? ParseExpression(withCondExpr: true) : null;
            expr = new CondExpr(test, expr, otherwise, SpanOf(tag));
        }

        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var op = Advance();
            left = new OrExpr(left, ParseAnd(), SpanOf(op));
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var op = Advance();
            left = new AndExpr(left, ParseNot(), SpanOf(op));
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var op = Advance();
            return new UnaryExpr('!', ParseNot(), SpanOf(op));
        }

        return ParseCompare();
    }

    private Expr ParseCompare()
    {
        var start = Current;
        var first = ParseMath1();
        List<(string, Expr)>? rest = null;
        while (true)
        {
            string op;
            if (CompareExpr.OperatorOf(Current.Kind) is { } symbol)
            {
                op = symbol;
                pos++;
            }
            else if (Current.IsName("in"))
            {
                op = "in";
                pos++;
            }
            else if (Current.IsName("not") && Peek().IsName("in"))
            {
                op = "not in";
                pos += 2;
            }
            else
            {
                break;
            }

            (rest ??= []).Add((op, ParseMath1()));
        }

        return rest is null ? first : new CompareExpr(first, rest, SpanOf(start));
    }

    private Expr ParseMath1()
    {
        var left = ParseConcat();
        while (Current.Kind is TokenKind.Add or TokenKind.Sub)
        {
            var op = Advance();
            left = new BinaryExpr(op.Kind, left, ParseConcat(), SpanOf(op));
        }

        return left;
    }

    private Expr ParseConcat()
    {
        var first = ParseMath2();
        if (Current.Kind != TokenKind.Tilde)
        {
            return first;
        }

        var parts = new List<Expr> { first };
        var op = Current;
        while (Accept(TokenKind.Tilde))
        {
            parts.Add(ParseMath2());
        }

        return new ConcatExpr(parts, SpanOf(op));
    }

    private Expr ParseMath2()
    {
        var left = ParsePow();
        while (Current.Kind is TokenKind.Mul or TokenKind.Div or TokenKind.FloorDiv or TokenKind.Mod)
        {
            var op = Advance();
            left = new BinaryExpr(op.Kind, left, ParsePow(), SpanOf(op));
        }

        return left;
    }

    private Expr ParsePow()
    {
        var left = ParseUnary(withFilter: true);
        while (Current.Kind == TokenKind.Pow)
        {
            var op = Advance();
            left = new BinaryExpr(op.Kind, left, ParseUnary(withFilter: true), SpanOf(op));
        }

        return left;
    }

    private Expr ParseUnary(bool withFilter)
    {
        var token = Current;
        EnsureStack(token);
        Expr node;
        if (Accept(TokenKind.Sub))
        {
            node = new UnaryExpr('-', ParseUnary(withFilter: false), SpanOf(token));
        }
        else if (Accept(TokenKind.Add))
        {
            node = new UnaryExpr('+', ParseUnary(withFilter: false), SpanOf(token));
        }
        else
        {
            node = ParsePrimary();
        }

        node = ParsePostfix(node);
        return withFilter ? ParseFilterExpr(node) : node;
    }

    private Expr ParsePrimary()
    {
        var token = Advance();
        var span = SpanOf(token);
        switch (token.Kind)
        {
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new ConstExpr(true, span),
                    "false" or "False" => new ConstExpr(false, span),
                    "none" or "None" => new ConstExpr(null, span),
                    _ => Name(token),
                };
            case TokenKind.String:
                var text = token.Value;
                while (Current.Kind == TokenKind.String)
                {
                    text += Advance().Value;
                }

                return new ConstExpr(text, span);
            case TokenKind.Integer:
                return long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var l)
                    ? new ConstExpr(l, span)
                    : throw Error($"integer literal {token.Value} is too large (Wellhouse integers are 64-bit)", token);
            case TokenKind.Float:
                return new ConstExpr(double.Parse(token.Value, CultureInfo.InvariantCulture), span);
            case TokenKind.LParen:
                var inner = ParseTuple(withCondExpr: true, explicitParens: true);
                Expect(TokenKind.RParen);
                return inner;
            case TokenKind.LBracket:
                return ParseList(token);
            case TokenKind.LBrace:
                return ParseDict(token);
            default:
                pos--;
                throw Error(token.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd or TokenKind.Eof
                    ? $"Expected an expression, got {token.Describe()}"
                    : $"unexpected {token.Describe()}", token);
        }
    }

    private NameExpr Name(Token token)
    {
        if (macros.Count > 0)
        {
            var macro = macros.Peek();
            switch (token.Value)
            {
                case "varargs": macro.UsesVarargs = true; break;
                case "kwargs": macro.UsesKwargs = true; break;
                case "caller": macro.UsesCaller = true; break;
            }
        }

        return new NameExpr(token.Value, SpanOf(token));
    }

    private ListExpr ParseList(Token open)
    {
        var items = new List<Expr>();
        while (Current.Kind != TokenKind.RBracket)
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Comma);
                if (Current.Kind == TokenKind.RBracket)
                {
                    break;
                }
            }

            items.Add(ParseExpression(withCondExpr: true));
        }

        Expect(TokenKind.RBracket);
        return new ListExpr(items, tuple: false, SpanOf(open));
    }

    private DictExpr ParseDict(Token open)
    {
        var items = new List<(Expr, Expr)>();
        while (Current.Kind != TokenKind.RBrace)
        {
            if (items.Count > 0)
            {
                Expect(TokenKind.Comma);
                if (Current.Kind == TokenKind.RBrace)
                {
                    break;
                }
            }

            var key = ParseExpression(withCondExpr: true);
            Expect(TokenKind.Colon);
            items.Add((key, ParseExpression(withCondExpr: true)));
        }

        Expect(TokenKind.RBrace);
        return new DictExpr(items, SpanOf(open));
    }
}
