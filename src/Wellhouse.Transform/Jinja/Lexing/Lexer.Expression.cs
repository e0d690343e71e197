using System.Text;

namespace Wellhouse.Transform.Jinja.Lexing;

internal sealed partial class Lexer
{
    /// <summary>Lexes the inside of <c>{{ }}</c> or <c>{% %}</c> up to its end (<paramref name="endChar"/> then
    /// <c>}</c>); an end inside brackets does not count (Jinja2's balancing stack). Returns whether the end was
    /// written with <c>-</c>.</summary>
    private bool LexExpression(TokenKind endKind, char endChar)
    {
        var depth = 0;
        while (true)
        {
            while (pos < src.Length && char.IsWhiteSpace(src[pos]))
            {
                pos++;
            }

            if (pos >= src.Length)
            {
                throw Error(endKind == TokenKind.VariableEnd
                    ? "unexpected end of template, expected end of print statement"
                    : "unexpected end of template, expected end of statement block", pos);
            }

            var c = src[pos];
            if (depth == 0)
            {
                var strip = c == '-' || (c == '+' && endKind == TokenKind.BlockEnd);
                var at = strip ? pos + 1 : pos;
                if (at + 1 < src.Length && src[at] == endChar && src[at + 1] == '}')
                {
                    Add(endKind, endChar + "}", pos, at + 2);
                    pos = at + 2;
                    return c == '-';
                }
            }

            if (IsNameStart(c))
            {
                var start = pos;
                while (pos < src.Length && IsNameChar(src[pos]))
                {
                    pos++;
                }

                Add(TokenKind.Name, src[start..pos], start, pos);
            }
            else if (char.IsAsciiDigit(c))
            {
                LexNumber();
            }
            else if (c is '\'' or '"')
            {
                LexString(c);
            }
            else
            {
                depth = LexOperator(c, depth);
            }
        }
    }

    private void LexNumber()
    {
        var start = pos;
        SkipDigits();
        var kind = TokenKind.Integer;
        var afterDot = tokens.Count > 0 && tokens[^1].Kind == TokenKind.Dot;
        if (!afterDot && pos + 1 < src.Length && src[pos] == '.' && char.IsAsciiDigit(src[pos + 1]))
        {
            pos++;
            SkipDigits();
            kind = TokenKind.Float;
        }

        if (!afterDot && pos < src.Length && src[pos] is 'e' or 'E')
        {
            var e = pos + 1;
            if (e < src.Length && src[e] is '+' or '-')
            {
                e++;
            }

            if (e < src.Length && char.IsAsciiDigit(src[e]))
            {
                pos = e;
                SkipDigits();
                kind = TokenKind.Float;
            }
        }

        Add(kind, src[start..pos].Replace("_", string.Empty, StringComparison.Ordinal), start, pos);
    }

    private void SkipDigits()
    {
        while (pos < src.Length && (char.IsAsciiDigit(src[pos])
            || (src[pos] == '_' && pos + 1 < src.Length && char.IsAsciiDigit(src[pos + 1]))))
        {
            pos++;
        }
    }

    /// <summary>A string literal with Python's escapes (Jinja2 decodes with unicode-escape, which keeps unknown
    /// escapes such as <c>\d</c> as written).</summary>
    private void LexString(char quote)
    {
        var start = pos;
        pos++;
        var close = pos;
        while (close < src.Length && src[close] != quote && src[close] != '\\')
        {
            close++;
        }

        if (close < src.Length && src[close] == quote)
        {
            pos = close + 1;
            Add(TokenKind.String, src[(start + 1)..close], start, pos);
            return;
        }

        var sb = new StringBuilder();
        while (true)
        {
            if (pos >= src.Length)
            {
                throw Error("unexpected end of string", start);
            }

            var c = src[pos];
            if (c == quote)
            {
                pos++;
                break;
            }

            if (c == '\\' && pos + 1 < src.Length)
            {
                pos++;
                AppendEscape(sb);
                continue;
            }

            sb.Append(c);
            pos++;
        }

        Add(TokenKind.String, sb.ToString(), start, pos);
    }

    private void AppendEscape(StringBuilder sb)
    {
        var e = src[pos++];
        switch (e)
        {
            case 'n': sb.Append('\n'); break;
            case 't': sb.Append('\t'); break;
            case 'r': sb.Append('\r'); break;
            case '\\': sb.Append('\\'); break;
            case '\'': sb.Append('\''); break;
            case '"': sb.Append('"'); break;
            case 'a': sb.Append('\a'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'v': sb.Append('\v'); break;
            case '\n': break;
            case 'N': throw Error("malformed \\N character escape (named escapes are not supported)", pos - 2);
            case 'x' when TryHex(2, out var x): sb.Append((char)x); break;
            case 'u' when TryHex(4, out var u): sb.Append((char)u); break;
            case 'U' when TryHex(8, out var big): sb.Append(char.ConvertFromUtf32(big)); break;
            case >= '0' and <= '7':
                var value = e - '0';
                for (var k = 0; k < 2 && pos < src.Length && src[pos] is >= '0' and <= '7'; k++)
                {
                    value = (value * 8) + (src[pos++] - '0');
                }

                sb.Append((char)value);
                break;
            default: sb.Append('\\').Append(e); break;
        }
    }

    private bool TryHex(int digits, out int value)
    {
        value = 0;
        if (pos + digits > src.Length)
        {
            return false;
        }

        for (var k = 0; k < digits; k++)
        {
            var d = src[pos + k];
            if (!char.IsAsciiHexDigit(d))
            {
                return false;
            }

            value = (value * 16) + Convert.ToInt32(d.ToString(), 16);
        }

        pos += digits;
        return true;
    }

    private static readonly string[] OneCharText = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();

    private int LexOperator(char c, int depth)
    {
        var next = pos + 1 < src.Length ? src[pos + 1] : '\0';
        (TokenKind Kind, int Length) op = (c, next) switch
        {
            ('/', '/') => (TokenKind.FloorDiv, 2),
            ('*', '*') => (TokenKind.Pow, 2),
            ('=', '=') => (TokenKind.Eq, 2),
            ('!', '=') => (TokenKind.Ne, 2),
            ('<', '=') => (TokenKind.Le, 2),
            ('>', '=') => (TokenKind.Ge, 2),
            ('+', _) => (TokenKind.Add, 1),
            ('-', _) => (TokenKind.Sub, 1),
            ('*', _) => (TokenKind.Mul, 1),
            ('/', _) => (TokenKind.Div, 1),
            ('%', _) => (TokenKind.Mod, 1),
            ('~', _) => (TokenKind.Tilde, 1),
            ('[', _) => (TokenKind.LBracket, 1),
            (']', _) => (TokenKind.RBracket, 1),
            ('(', _) => (TokenKind.LParen, 1),
            (')', _) => (TokenKind.RParen, 1),
            ('{', _) => (TokenKind.LBrace, 1),
            ('}', _) => (TokenKind.RBrace, 1),
            ('<', _) => (TokenKind.Lt, 1),
            ('>', _) => (TokenKind.Gt, 1),
            ('=', _) => (TokenKind.Assign, 1),
            ('.', _) => (TokenKind.Dot, 1),
            (':', _) => (TokenKind.Colon, 1),
            ('|', _) => (TokenKind.Pipe, 1),
            (',', _) => (TokenKind.Comma, 1),
            (';', _) => (TokenKind.Semicolon, 1),
            _ => throw Error($"unexpected char '{c}' at {pos}", pos),
        };
        if (op.Kind is TokenKind.LBracket or TokenKind.LParen or TokenKind.LBrace)
        {
            depth++;
        }
        else if (op.Kind is TokenKind.RBracket or TokenKind.RParen or TokenKind.RBrace)
        {
            if (depth == 0)
            {
                throw Error($"unexpected '{c}'", pos);
            }

            depth--;
        }

        Add(op.Kind, op.Length == 1 ? OneCharText[c] : src.Substring(pos, 2), pos, pos + op.Length);
        pos += op.Length;
        return depth;
    }
}
