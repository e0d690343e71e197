using System.Text;

namespace Wellhouse.Transform.Jinja.Runtime;

internal static partial class Methods
{
    private static object? CallString(string s, string name, JinjaCallArguments a) => name switch
    {
        "upper" => Upper(s),
        "lower" or "casefold" => s.ToLowerInvariant(),
        "strip" => Strip(s, a.Get(0, "chars") as string, true, true),
        "lstrip" => Strip(s, a.Get(0, "chars") as string, true, false),
        "rstrip" => Strip(s, a.Get(0, "chars") as string, false, true),
        "split" => Split(s, a.Get(0, "sep") as string, (int)a.GetInt(1, "maxsplit", -1), a),
        "rsplit" => RSplit(s, a.Get(0, "sep") as string, (int)a.GetInt(1, "maxsplit", -1), a),
        "startswith" => Affix(s, a, (x, p) => x.StartsWith(p, StringComparison.Ordinal)),
        "endswith" => Affix(s, a, (x, p) => x.EndsWith(p, StringComparison.Ordinal)),
        "replace" => Replace(s, StrArg(a, 0, "old"), StrArg(a, 1, "new"), a.GetInt(2, "count", -1)),
        "format" => StrFormat.Format(s, a),
        "join" => string.Join(s, PyOps.Iterate(a.Require(0, "iterable"), a.Span).Select(x =>
            x as string ?? throw PyOps.TypeError($"sequence item: expected str instance, {PyOps.TypeName(x)} found", a.Span))),
        "title" => PyTitle(s),
        "capitalize" => Filters.Capitalize(s),
        "find" => (long)Find(s, a, fromRight: false),
        "rfind" => (long)Find(s, a, fromRight: true),
        "index" => Find(s, a, fromRight: false) is var i and >= 0 ? (long)i : throw ValueError("substring not found", a),
        "rindex" => Find(s, a, fromRight: true) is var j and >= 0 ? (long)j : throw ValueError("substring not found", a),
        "count" => Count(s, StrArg(a, 0, "sub")),
        "isdigit" or "isnumeric" or "isdecimal" => s.Length > 0 && s.All(char.IsDigit),
        "isalpha" => s.Length > 0 && s.All(char.IsLetter),
        "isalnum" => s.Length > 0 && s.All(char.IsLetterOrDigit),
        "isspace" => s.Length > 0 && s.All(char.IsWhiteSpace),
        "islower" => Tests.IsLower(s),
        "isupper" => Tests.IsUpper(s),
        "istitle" => s.Length > 0 && PyTitle(s) == s && s.Any(char.IsLetter),
        "zfill" => ZFill(s, (int)a.GetInt(0, "width")),
        "center" => Pad(s, (int)a.GetInt(0, "width"), a.GetString(1, "fillchar", " ")![0], 'c'),
        "ljust" => Pad(s, (int)a.GetInt(0, "width"), a.GetString(1, "fillchar", " ")![0], 'l'),
        "rjust" => Pad(s, (int)a.GetInt(0, "width"), a.GetString(1, "fillchar", " ")![0], 'r'),
        "partition" => Partition(s, StrArg(a, 0, "sep"), fromRight: false),
        "rpartition" => Partition(s, StrArg(a, 0, "sep"), fromRight: true),
        "splitlines" => SplitLines(s),
        "swapcase" => new string(s.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)).ToArray()),
        "removeprefix" => StrArg(a, 0, "prefix") is var p && s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s,
        "removesuffix" => StrArg(a, 0, "suffix") is var x && x.Length > 0 && s.EndsWith(x, StringComparison.Ordinal) ? s[..^x.Length] : s,
        _ => throw PyOps.TypeError($"'str' object has no attribute '{name}'", a.Span),
    };

    /// <summary>A required str argument; Python's str methods refuse other types.</summary>
    private static string StrArg(JinjaCallArguments a, int position, string name) => a.Require(position, name) switch
    {
        string s => s,
        var other => throw PyOps.TypeError($"must be str, not {PyOps.TypeName(other)}", a.Span),
    };

    /// <summary>Python's upper(): full case mapping, so 'ß' becomes "SS".</summary>
    public static string Upper(string s)
    {
        var upper = s.ToUpperInvariant();
        return upper.Contains('ß', StringComparison.Ordinal) ? upper.Replace("ß", "SS", StringComparison.Ordinal) : upper;
    }

    public static string Strip(string s, string? chars, bool left, bool right)
    {
        bool Strippable(char c) => chars is null ? char.IsWhiteSpace(c) : chars.Contains(c, StringComparison.Ordinal);
        var start = 0;
        var end = s.Length;
        while (left && start < end && Strippable(s[start]))
        {
            start++;
        }

        while (right && end > start && Strippable(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    private static bool Affix(string s, JinjaCallArguments a, Func<string, string, bool> test)
    {
        var start = (int)Math.Min(a.GetInt(1, "start", 0), s.Length);
        var part = start > 0 ? s[start..] : s;
        return a.Require(0, "prefix") switch
        {
            string p => test(part, p),
            IList<object?> options => options.Any(o => test(part, PyStr.Str(o))),
            var other => throw PyOps.TypeError($"startswith/endswith first arg must be str or a tuple of str, not {PyOps.TypeName(other)}", a.Span),
        };
    }

    public static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0)
        {
            return old.Length == 0 ? InsertEverywhere(s, replacement, int.MaxValue) : s.Replace(old, replacement, StringComparison.Ordinal);
        }

        if (old.Length == 0)
        {
            return InsertEverywhere(s, replacement, count);
        }

        var sb = new StringBuilder();
        var from = 0;
        for (var n = 0; n < count; n++)
        {
            var at = s.IndexOf(old, from, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            sb.Append(s, from, at - from).Append(replacement);
            from = at + old.Length;
        }

        return sb.Append(s, from, s.Length - from).ToString();
    }

    private static string InsertEverywhere(string s, string insert, long count)
    {
        var sb = new StringBuilder();
        for (var i = 0; i <= s.Length; i++)
        {
            if (i < count)
            {
                sb.Append(insert);
            }

            if (i < s.Length)
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
    }

    /// <summary>Python's str.title(): a letter is upper-cased when the character before it is not a letter.</summary>
    private static string PyTitle(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            sb.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = char.IsLetter(c);
        }

        return sb.ToString();
    }

    private static int Find(string s, JinjaCallArguments a, bool fromRight)
    {
        var sub = StrArg(a, 0, "sub");
        var start = (int)Math.Clamp(a.GetInt(1, "start", 0), 0, s.Length);
        var end = (int)Math.Clamp(a.GetInt(2, "end", s.Length), start, s.Length);
        var region = s[start..end];
        var at = fromRight ? region.LastIndexOf(sub, StringComparison.Ordinal) : region.IndexOf(sub, StringComparison.Ordinal);
        return at < 0 ? -1 : at + start;
    }

    private static long Count(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }

        long n = 0;
        for (var at = s.IndexOf(sub, StringComparison.Ordinal); at >= 0; at = s.IndexOf(sub, at + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static string ZFill(string s, int width)
    {
        if (s.Length >= width)
        {
            return s;
        }

        var sign = s.Length > 0 && s[0] is '+' or '-' ? s[..1] : string.Empty;
        return sign + new string('0', width - s.Length) + s[sign.Length..];
    }

    public static string Pad(string s, int width, char fill, char align)
    {
        if (s.Length >= width)
        {
            return s;
        }

        var pad = width - s.Length;
        return align switch
        {
            'l' => s + new string(fill, pad),
            'r' => new string(fill, pad) + s,
            _ => new string(fill, (pad / 2) + (pad & width & 1)) + s + new string(fill, pad - ((pad / 2) + (pad & width & 1))),
        };
    }
}
