namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>Python's str.split, rsplit, partition, rpartition and splitlines.</summary>
internal static partial class Methods
{
    private static List<object?> Split(string s, string? sep, int maxsplit, JinjaCallArguments a)
    {
        var result = new List<object?>();
        if (sep is null)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                if (i >= s.Length)
                {
                    break;
                }

                if (maxsplit >= 0 && result.Count == maxsplit)
                {
                    result.Add(s[i..]);
                    break;
                }

                var start = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                result.Add(s[start..i]);
            }

            return result;
        }

        if (sep.Length == 0)
        {
            throw ValueError("empty separator", a);
        }

        var from = 0;
        while (maxsplit < 0 || result.Count < maxsplit)
        {
            var at = s.IndexOf(sep, from, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            result.Add(s[from..at]);
            from = at + sep.Length;
        }

        result.Add(s[from..]);
        return result;
    }

    private static List<object?> RSplit(string s, string? sep, int maxsplit, JinjaCallArguments a)
    {
        if (maxsplit < 0)
        {
            return Split(s, sep, maxsplit, a);
        }

        var result = new List<object?>();
        if (sep is null)
        {
            var end = s.Length;
            while (true)
            {
                while (end > 0 && char.IsWhiteSpace(s[end - 1]))
                {
                    end--;
                }

                if (end == 0)
                {
                    break;
                }

                if (result.Count == maxsplit)
                {
                    result.Add(s[..end]);
                    break;
                }

                var start = end;
                while (start > 0 && !char.IsWhiteSpace(s[start - 1]))
                {
                    start--;
                }

                result.Add(s[start..end]);
                end = start;
            }
        }
        else
        {
            if (sep.Length == 0)
            {
                throw ValueError("empty separator", a);
            }

            var end = s.Length;
            while (result.Count < maxsplit)
            {
                var at = end - sep.Length < 0 ? -1 : s.LastIndexOf(sep, end - 1, end, StringComparison.Ordinal);
                if (at < 0 || at + sep.Length > end)
                {
                    break;
                }

                result.Add(s[(at + sep.Length)..end]);
                end = at;
            }

            result.Add(s[..end]);
        }

        result.Reverse();
        return result;
    }

    private static PyTuple Partition(string s, string sep, bool fromRight)
    {
        var at = fromRight ? s.LastIndexOf(sep, StringComparison.Ordinal) : s.IndexOf(sep, StringComparison.Ordinal);
        if (at < 0)
        {
            return fromRight ? new PyTuple([string.Empty, string.Empty, s]) : new PyTuple([s, string.Empty, string.Empty]);
        }

        return new PyTuple([s[..at], sep, s[(at + sep.Length)..]]);
    }

    /// <summary>Python's str.splitlines() for \n, \r\n and \r.</summary>
    public static List<object?> SplitLines(string s)
    {
        var lines = new List<object?>();
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] is '\n' or '\r')
            {
                lines.Add(s[start..i]);
                if (s[i] == '\r' && i + 1 < s.Length && s[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < s.Length)
        {
            lines.Add(s[start..]);
        }

        return lines;
    }
}
