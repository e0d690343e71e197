using Wellhouse.Transform.Jinja.Ast;
using Wellhouse.Transform.Jinja.Lexing;

namespace Wellhouse.Transform.Jinja.Parsing;

internal sealed partial class Parser
{
    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var token = Current;
            if (Accept(TokenKind.Dot))
            {
                var attr = Advance();
                node = attr.Kind switch
                {
                    TokenKind.Name => new GetAttrExpr(node, attr.Value, SpanOf(attr)),
                    TokenKind.Integer => new GetItemExpr(node, new ConstExpr(long.Parse(attr.Value, System.Globalization.CultureInfo.InvariantCulture), SpanOf(attr)), SpanOf(attr)),
                    _ => throw Error($"expected name or number, got {attr.Describe()}", attr),
                };
            }
            else if (Accept(TokenKind.LBracket))
            {
                node = ParseSubscript(node, token);
            }
            else if (Current.Kind == TokenKind.LParen)
            {
                node = new CallExpr(node, ParseCallArgs(), node.Span);
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript(Expr node, Token open)
    {
        var keys = new List<Expr>();
        while (Current.Kind != TokenKind.RBracket)
        {
            if (keys.Count > 0)
            {
                Expect(TokenKind.Comma);
                if (Current.Kind == TokenKind.RBracket)
                {
                    break;
                }
            }

            keys.Add(ParseSubscribed(node, open));
        }

        Expect(TokenKind.RBracket);
        return keys.Count switch
        {
            0 => throw Error("expected subscript expression", open),
            1 when keys[0] is SliceExpr slice => slice,
            1 => new GetItemExpr(node, keys[0], SpanOf(open)),
            _ => new GetItemExpr(node, new ListExpr(keys, tuple: true, SpanOf(open)), SpanOf(open)),
        };
    }

    private Expr ParseSubscribed(Expr node, Token open)
    {
        Expr? start = null;
        if (Current.Kind != TokenKind.Colon)
        {
            start = ParseExpression(withCondExpr: true);
            if (Current.Kind != TokenKind.Colon)
            {
                return start;
            }
        }

        pos++;
        Expr? stop = Current.Kind is TokenKind.RBracket or TokenKind.Comma or TokenKind.Colon
            ? null
            : ParseExpression(withCondExpr: true);
        Expr? step = null;
        if (Accept(TokenKind.Colon) && Current.Kind is not (TokenKind.RBracket or TokenKind.Comma))
        {
            step = ParseExpression(withCondExpr: true);
        }

        return new SliceExpr(node, start, stop, step, SpanOf(open));
    }

    private CallArgs ParseCallArgs()
    {
        Expect(TokenKind.LParen);
        var positional = new List<Expr>();
        var keyword = new List<(string, Expr)>();
        Expr? star = null;
        Expr? doubleStar = null;
        var first = true;
        while (Current.Kind != TokenKind.RParen)
        {
            if (!first)
            {
                Expect(TokenKind.Comma);
                if (Current.Kind == TokenKind.RParen)
                {
                    break;
                }
            }

            first = false;
            if (Accept(TokenKind.Mul))
            {
                star = ParseExpression(withCondExpr: true);
            }
            else if (Accept(TokenKind.Pow))
            {
                doubleStar = ParseExpression(withCondExpr: true);
            }
            else if (Current.Kind == TokenKind.Name && Peek().Kind == TokenKind.Assign)
            {
                var name = Advance().Value;
                pos++;
                keyword.Add((name, ParseExpression(withCondExpr: true)));
            }
            else
            {
                if (keyword.Count > 0)
                {
                    throw Error("positional argument follows keyword argument", Current);
                }

                positional.Add(ParseExpression(withCondExpr: true));
            }
        }

        Expect(TokenKind.RParen);
        return new CallArgs(positional, keyword, star, doubleStar);
    }

    private Expr ParseFilterExpr(Expr node)
    {
        while (true)
        {
            if (Current.Kind == TokenKind.Pipe)
            {
                foreach (var filter in ParseFilterChain())
                {
                    node = filter.WithInput(node);
                }
            }
            else if (Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (Current.Kind == TokenKind.LParen)
            {
                node = new CallExpr(node, ParseCallArgs(), node.Span);
            }
            else
            {
                return node;
            }
        }
    }

    /// <summary>Filters <c>| a(x) | b</c> (the first pipe optional for filter blocks) without their input.</summary>
    private List<FilterExpr> ParseFilterChain(bool startWithPipe = true)
    {
        var chain = new List<FilterExpr>();
        var needPipe = startWithPipe;
        while (!needPipe || Current.Kind == TokenKind.Pipe)
        {
            if (needPipe)
            {
                pos++;
            }

            needPipe = true;
            var nameToken = Current;
            var name = DottedName();
            if (!filters.TryGetValue(name, out var filter))
            {
                throw new JinjaException("JINJA002", $"No filter named '{name}'.", SpanOf(nameToken));
            }

            var args = Current.Kind == TokenKind.LParen ? ParseCallArgs() : CallArgs.None;
            chain.Add(new FilterExpr(null, name, filter, args, SpanOf(nameToken)));
        }

        return chain;
    }

    private Expr ParseTest(Expr node)
    {
        var isToken = Advance();
        var negated = AcceptName("not");
        var nameToken = Current;
        var name = DottedName();
        if (!tests.TryGetValue(name, out var test))
        {
            throw new JinjaException("JINJA002", $"No test named '{name}'.", SpanOf(nameToken));
        }

        CallArgs args;
        if (Current.Kind == TokenKind.LParen)
        {
            args = ParseCallArgs();
        }
        else if (Current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                     or TokenKind.LParen or TokenKind.LBracket or TokenKind.LBrace
                 && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and"))
        {
            if (Current.IsName("is"))
            {
                throw Error("You cannot chain multiple tests with is", Current);
            }

            args = new CallArgs([ParsePostfix(ParsePrimary())], [], null, null);
        }
        else
        {
            args = CallArgs.None;
        }

        Expr result = new TestExpr(node, name, test, args, SpanOf(isToken));
        return negated ? new UnaryExpr('!', result, SpanOf(isToken)) : result;
    }

    private string DottedName()
    {
        var name = ExpectName();
        while (Current.Kind == TokenKind.Dot && Peek().Kind == TokenKind.Name)
        {
            pos++;
            name += "." + Advance().Value;
        }

        return name;
    }
}
