namespace Wellhouse.Transform.Jinja.Lexing;

/// <summary>One token: its kind, its text (data, name, decoded string, number literal), where it is
/// (1-based line and column) and its offsets in the normalized source.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Line, int Column, int Start, int End)
{
    public bool IsName(string name) => Kind == TokenKind.Name && Value == name;

    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of template",
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.Data => "template data",
        TokenKind.String => "string",
        TokenKind.Integer or TokenKind.Float => $"'{Value}'",
        _ => $"'{Value}'",
    };
}
