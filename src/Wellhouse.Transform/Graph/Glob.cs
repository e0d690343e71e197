namespace Wellhouse.Transform.Graph;

/// <summary>Shell-style wildcards as Python's <c>fnmatch</c> (which dbt's selectors use): <c>*</c>, <c>?</c>, <c>[abc]</c>.</summary>
internal static class Glob
{
    public static bool IsMatch(string text, string pattern) =>
        pattern.AsSpan().IndexOfAny('*', '?', '[') < 0 ? text == pattern : Match(text, 0, pattern, 0);

    private static bool Match(string text, int t, string pattern, int p)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                for (var k = t; k <= text.Length; k++)
                {
                    if (Match(text, k, pattern, p + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (t >= text.Length)
            {
                return false;
            }

            if (c == '[')
            {
                var close = pattern.IndexOf(']', p + 1);
                if (close > p + 1)
                {
                    var set = pattern.AsSpan(p + 1, close - p - 1);
                    var negate = set.Length > 0 && set[0] == '!';
                    if (negate)
                    {
                        set = set[1..];
                    }

                    if (InSet(set, text[t]) == negate)
                    {
                        return false;
                    }

                    t++;
                    p = close + 1;
                    continue;
                }
            }

            if (c != '?' && c != text[t])
            {
                return false;
            }

            t++;
            p++;
        }

        return t == text.Length;
    }

    private static bool InSet(ReadOnlySpan<char> set, char c)
    {
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                if (c >= set[i] && c <= set[i + 2])
                {
                    return true;
                }

                i += 2;
            }
            else if (set[i] == c)
            {
                return true;
            }
        }

        return false;
    }
}
