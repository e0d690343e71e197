namespace Wellhouse.Transform.Jinja.Lexing;

/// <summary>A template's tokens and its normalized source (newlines as \n, one trailing newline dropped).</summary>
internal sealed record LexedTemplate(string Source, List<Token> Tokens);
