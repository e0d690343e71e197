using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Jinja.Lexing;

/// <summary>Splits a template into data and tag tokens, following Jinja2's lexer (jinja2/lexer.py, documented in
/// "Template Designer Documentation: Whitespace Control"): newlines are normalized to \n, a single trailing newline is
/// dropped (keep_trailing_newline=False), <c>{%-</c>/<c>{{-</c>/<c>{#-</c> strip all whitespace before the tag,
/// <c>-%}</c>/<c>-}}</c>/<c>-#}</c> strip all whitespace after it, <c>{% raw %}</c> keeps its body verbatim.</summary>
internal sealed partial class Lexer
{
    private readonly string src;
    private readonly string file;
    private readonly List<Token> tokens = [];
    private readonly List<int> lineStarts = [0];
    private int pos;
    private int cursorLine;

    private Lexer(string source, string file)
    {
        src = source;
        this.file = file;
        for (var i = 0; i < src.Length; i++)
        {
            if (src[i] == '\n')
            {
                lineStarts.Add(i + 1);
            }
        }
    }

    public static LexedTemplate Tokenize(string source, string file)
    {
        var normalized = Normalize(source);
        var lexer = new Lexer(normalized, file);
        lexer.Run();
        return new LexedTemplate(normalized, lexer.tokens);
    }

    private static string Normalize(string source)
    {
        var text = source.Contains('\r', StringComparison.Ordinal)
            ? source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : source;
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    private void Run()
    {
        var stripNextData = false;
        while (pos < src.Length)
        {
            var open = FindOpen(pos);
            var dataEnd = open < 0 ? src.Length : open;
            var stripBefore = open >= 0 && open + 2 < src.Length && src[open + 2] == '-';
            var dataStart = pos;
            if (stripNextData)
            {
                while (dataStart < dataEnd && char.IsWhiteSpace(src[dataStart]))
                {
                    dataStart++;
                }
            }

            var trimmedEnd = dataEnd;
            if (stripBefore)
            {
                while (trimmedEnd > dataStart && char.IsWhiteSpace(src[trimmedEnd - 1]))
                {
                    trimmedEnd--;
                }
            }

            if (trimmedEnd > dataStart)
            {
                Add(TokenKind.Data, src[dataStart..trimmedEnd], dataStart, trimmedEnd);
            }

            if (open < 0)
            {
                break;
            }

            stripNextData = src[open + 1] switch
            {
                '#' => LexComment(open),
                '%' => LexBlock(open),
                _ => LexVariable(open),
            };
        }

        Add(TokenKind.Eof, string.Empty, src.Length, src.Length);
    }

    private int FindOpen(int from)
    {
        while (true)
        {
            var i = src.IndexOf('{', from);
            if (i < 0 || i + 1 >= src.Length)
            {
                return -1;
            }

            var next = src[i + 1];
            if (next is '{' or '%' or '#')
            {
                return i;
            }

            from = i + 1;
        }
    }

    /// <summary>Skips a comment; returns whether it ends with <c>-#}</c>.</summary>
    private bool LexComment(int open)
    {
        var close = src.IndexOf("#}", open + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error("Missing end of comment tag", open);
        }

        pos = close + 2;
        return close > open + 2 && src[close - 1] == '-';
    }

    private bool LexVariable(int open)
    {
        Add(TokenKind.VariableBegin, "{{", open, open + 2);
        pos = open + 2;
        if (pos < src.Length && src[pos] is '-' or '+')
        {
            pos++;
        }

        return LexExpression(TokenKind.VariableEnd, '}');
    }

    private bool LexBlock(int open)
    {
        pos = open + 2;
        if (pos < src.Length && src[pos] is '-' or '+')
        {
            pos++;
        }

        if (TryLexRaw(open))
        {
            return false;
        }

        Add(TokenKind.BlockBegin, "{%", open, open + 2);
        return LexExpression(TokenKind.BlockEnd, '%');
    }

    private void Add(TokenKind kind, string value, int start, int end)
    {
        var (line, column) = Position(start);
        tokens.Add(new Token(kind, value, line, column, start, end));
    }

    /// <summary>Line and column of an offset; tokens come in order, so a forward cursor usually answers.</summary>
    private (int Line, int Column) Position(int offset)
    {
        if (offset >= lineStarts[cursorLine])
        {
            while (cursorLine + 1 < lineStarts.Count && lineStarts[cursorLine + 1] <= offset)
            {
                cursorLine++;
            }

            return (cursorLine + 1, offset - lineStarts[cursorLine] + 1);
        }

        var index = lineStarts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - lineStarts[index] + 1);
    }

    private JinjaException Error(string message, int offset)
    {
        var (line, column) = Position(offset);
        return new JinjaException("JINJA001", message, new SourceSpan(file, line, column));
    }
}
