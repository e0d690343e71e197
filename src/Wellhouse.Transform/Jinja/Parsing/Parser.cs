using Wellhouse.Transform.Jinja.Ast;
using Wellhouse.Transform.Jinja.Lexing;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Parsing;

/// <summary>A recursive-descent parser for Jinja2's grammar (jinja2/parser.py's structure and precedence,
/// "Template Designer Documentation"), plus dbt's <c>{% test %}</c> and <c>{% docs %}</c> blocks.</summary>
internal sealed partial class Parser(
    LexedTemplate lexed,
    string file,
    IReadOnlyDictionary<string, JinjaFilter> filters,
    IReadOnlyDictionary<string, Func<object?, JinjaCallArguments, bool>> tests)
{
    private readonly Token[] tokens = [.. lexed.Tokens];
    private readonly Stack<MacroDefinition> macros = new();
    private int pos;
    private int blockDepth;
    private int loopDepth;

    public List<JinjaMacro> Macros { get; } = [];

    public List<JinjaDocsBlock> DocsBlocks { get; } = [];

    public List<JinjaMaterializationBlock> Materializations { get; } = [];

    private ref readonly Token Current => ref tokens[pos];

    private ref readonly Token Peek(int ahead = 1) => ref tokens[Math.Min(pos + ahead, tokens.Length - 1)];

    public IReadOnlyList<Node> ParseTemplate()
    {
        var body = ParseBody(null, null, out _);
        return body;
    }

    private Token Advance() => tokens[pos++];

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        pos++;
        return true;
    }

    private bool AcceptName(string name)
    {
        if (!Current.IsName(name))
        {
            return false;
        }

        pos++;
        return true;
    }

    private Token Expect(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            throw Error($"expected token '{Describe(kind)}', got {Current.Describe()}", Current);
        }

        return Advance();
    }

    private string ExpectName()
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Error($"expected token 'name', got {Current.Describe()}", Current);
        }

        return Advance().Value;
    }

    private static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.RParen => ")",
        TokenKind.RBracket => "]",
        TokenKind.RBrace => "}",
        TokenKind.Colon => ":",
        TokenKind.Comma => ",",
        TokenKind.LParen => "(",
        TokenKind.Assign => "=",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Deeply nested input fails with a diagnostic instead of overflowing the stack.</summary>
    private void EnsureStack(Token at)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("template nesting too deep", at);
        }
    }

    private SourceSpan SpanOf(Token token) => new(file, token.Line, token.Column);

    private JinjaException Error(string message, Token at) => new("JINJA001", message, SpanOf(at));
}
