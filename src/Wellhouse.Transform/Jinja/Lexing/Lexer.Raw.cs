namespace Wellhouse.Transform.Jinja.Lexing;

internal sealed partial class Lexer
{
    /// <summary>At <c>{% raw %}</c> (pos after the opener and its modifier), emits the body verbatim as data up to
    /// <c>{% endraw %}</c>; <c>-%}</c> after raw strips the body's leading whitespace, <c>{%- endraw</c> its trailing
    /// whitespace (Jinja2 lexer, raw_begin/raw_end rules).</summary>
    private bool TryLexRaw(int open)
    {
        var i = SkipSpaces(pos);
        if (!IsWord(i, "raw"))
        {
            return false;
        }

        i = SkipSpaces(i + 3);
        var stripAfter = false;
        if (i < src.Length && src[i] == '-')
        {
            stripAfter = true;
            i++;
        }

        if (!At(i, "%}"))
        {
            return false;
        }

        var bodyStart = i + 2;
        var search = bodyStart;
        while (true)
        {
            var tag = src.IndexOf("{%", search, StringComparison.Ordinal);
            if (tag < 0)
            {
                throw Error("Missing end of raw directive", open);
            }

            var j = tag + 2;
            var stripBefore = j < src.Length && src[j] == '-';
            if (j < src.Length && src[j] is '-' or '+')
            {
                j++;
            }

            j = SkipSpaces(j);
            if (!IsWord(j, "endraw"))
            {
                search = tag + 2;
                continue;
            }

            j = SkipSpaces(j + 6);
            var stripNext = j < src.Length && src[j] == '-';
            if (stripNext || (j < src.Length && src[j] == '+'))
            {
                j++;
            }

            if (!At(j, "%}"))
            {
                search = tag + 2;
                continue;
            }

            var start = bodyStart;
            if (stripAfter)
            {
                while (start < tag && char.IsWhiteSpace(src[start]))
                {
                    start++;
                }
            }

            var end = tag;
            if (stripBefore)
            {
                while (end > start && char.IsWhiteSpace(src[end - 1]))
                {
                    end--;
                }
            }

            if (end > start)
            {
                Add(TokenKind.Data, src[start..end], start, end);
            }

            pos = j + 2;
            if (stripNext)
            {
                while (pos < src.Length && char.IsWhiteSpace(src[pos]))
                {
                    pos++;
                }
            }

            return true;
        }
    }

    private int SkipSpaces(int i)
    {
        while (i < src.Length && char.IsWhiteSpace(src[i]))
        {
            i++;
        }

        return i;
    }

    private bool At(int i, string text) => string.CompareOrdinal(src, i, text, 0, text.Length) == 0;

    private bool IsWord(int i, string word) =>
        At(i, word) && (i + word.Length >= src.Length || !IsNameChar(src[i + word.Length]));

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
