using Wellhouse.Transform.Jinja.Ast;
using Wellhouse.Transform.Jinja.Lexing;

namespace Wellhouse.Transform.Jinja.Parsing;

internal sealed partial class Parser
{
    /// <summary>Parses nodes until a block tag named in <paramref name="endTags"/> (consumed up to its name; the
    /// caller reads the rest of that tag) or, at top level, the end of the template.</summary>
    private List<Node> ParseBody(string[]? endTags, string? opener, out string endTag)
    {
        var body = new List<Node>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Data:
                    pos++;
                    body.Add(new TextNode(token.Value, SpanOf(token)));
                    break;
                case TokenKind.VariableBegin:
                    pos++;
                    var expr = ParseTuple(withCondExpr: true);
                    Expect(TokenKind.VariableEnd);
                    body.Add(new OutputNode(expr, expr.Span));
                    break;
                case TokenKind.BlockBegin:
                    var tag = Peek();
                    if (tag.Kind != TokenKind.Name)
                    {
                        throw Error("tag name expected", tag);
                    }

                    if (endTags is not null && Array.IndexOf(endTags, tag.Value) >= 0)
                    {
                        pos += 2;
                        endTag = tag.Value;
                        return body;
                    }

                    pos++;
                    body.Add(ParseStatement(endTags, opener));
                    break;
                case TokenKind.Eof:
                    if (endTags is not null)
                    {
                        throw Error(
                            $"Unexpected end of template. Jinja was looking for the following tags: {Quote(endTags)}. The innermost block that needs to be closed is '{opener}'.",
                            token);
                    }

                    endTag = string.Empty;
                    return body;
                default:
                    throw Error($"unexpected {token.Describe()}", token);
            }
        }
    }

    private static string Quote(string[] tags) => string.Join(" or ", tags.Select(t => $"'{t}'"));

    private Node ParseStatement(string[]? endTags, string? opener)
    {
        var tag = Current;
        EnsureStack(tag);
        pos++;
        blockDepth++;
        try
        {
            return tag.Value switch
            {
                "if" => ParseIf(tag),
                "for" => ParseFor(tag),
                "set" => ParseSet(tag),
                "macro" => ParseMacro(tag, "macro", "endmacro", string.Empty),
                "test" => ParseMacro(tag, "test", "endtest", "test_"),
                "call" => ParseCallBlock(tag),
                "filter" => ParseFilterBlock(tag),
                "do" => ParseDo(tag),
                "with" => ParseWith(tag),
                "break" or "continue" => ParseLoopControl(tag),
                "docs" => ParseDocs(tag),
                "materialization" => ParseMaterialization(tag),
                _ => throw Error(UnknownTag(tag.Value, endTags, opener), tag),
            };
        }
        finally
        {
            blockDepth--;
        }
    }

    private static string UnknownTag(string name, string[]? endTags, string? opener) => endTags is null
        ? $"Encountered unknown tag '{name}'."
        : $"Encountered unknown tag '{name}'. Jinja was looking for the following tags: {Quote(endTags)}. The innermost block that needs to be closed is '{opener}'.";
}
