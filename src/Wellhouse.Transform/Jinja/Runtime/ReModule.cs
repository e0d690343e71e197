using System.Text;
using System.Text.RegularExpressions;

namespace Wellhouse.Transform.Jinja.Runtime;

/// <summary>dbt's <c>modules.re</c>: <c>match</c>, <c>fullmatch</c>, <c>search</c>, <c>findall</c>, <c>sub</c>,
/// <c>split</c>, <c>escape</c>, <c>compile</c> and flags <c>IGNORECASE</c>/<c>I</c>, <c>MULTILINE</c>/<c>M</c>,
/// <c>DOTALL</c>/<c>S</c> (Python docs, "re"). Patterns run on .NET's engine, which reads the common Python syntax
/// (classes, groups, <c>(?P&lt;name&gt;...)</c>, lookarounds) the same way.</summary>
internal sealed class ReModule : IJinjaObject
{
    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "IGNORECASE" or "I" => (long)RegexOptions.IgnoreCase,
            "MULTILINE" or "M" => (long)RegexOptions.Multiline,
            "DOTALL" or "S" => (long)RegexOptions.Singleline,
            "match" => new JinjaFunction(a => Match(Compile(a, 0), Str(a, 1, "string"), anchored: true, full: false)),
            "fullmatch" => new JinjaFunction(a => Match(Compile(a, 0), Str(a, 1, "string"), anchored: true, full: true)),
            "search" => new JinjaFunction(a => Match(Compile(a, 0), Str(a, 1, "string"), anchored: false, full: false)),
            "findall" => new JinjaFunction(a => FindAll(Compile(a, 0), Str(a, 1, "string"))),
            "sub" => new JinjaFunction(a => Sub(Compile(a, 0, flagsAt: 4), a)),
            "split" => new JinjaFunction(a => Split(Compile(a, 0, flagsAt: 3), Str(a, 1, "string"), (int)a.GetInt(2, "maxsplit"))),
            "escape" => new JinjaFunction(a => Escape(Str(a, 0, "pattern"))),
            "compile" => new JinjaFunction(a => new CompiledPattern(Compile(a, 0, flagsAt: 1))),
            _ => null,
        };
        return value is not null;
    }

    private static string Str(JinjaCallArguments a, int position, string name) => PyStr.Str(a.Require(position, name));

    private static Regex Compile(JinjaCallArguments a, int position, int flagsAt = 2)
    {
        if (a.Get(position, "pattern") is CompiledPattern compiled)
        {
            return compiled.Regex;
        }

        var flags = (RegexOptions)a.GetInt(flagsAt, "flags");
        try
        {
            return new Regex(Translate(Str(a, position, "pattern")), flags | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new JinjaException("JINJA016", "re: bad pattern: " + ex.Message, a.Span);
        }
    }

    /// <summary>Python's <c>(?P&lt;name&gt;</c> and <c>(?P=name)</c> in .NET syntax.</summary>
    private static string Translate(string pattern) =>
        pattern.Replace("(?P<", "(?<", StringComparison.Ordinal).Replace("(?P=", @"\k<", StringComparison.Ordinal);

    /// <summary>search scans; match anchors at the start; fullmatch must cover the whole string.</summary>
    private static MatchObject? Match(Regex regex, string s, bool anchored, bool full)
    {
        var effective = anchored
            ? new Regex(@"\A(?:" + regex + (full ? @")\z" : ")"), regex.Options, TimeSpan.FromSeconds(1))
            : regex;
        var m = effective.Match(s);
        return m.Success ? new MatchObject(m) : null;
    }

    private static List<object?> FindAll(Regex regex, string s)
    {
        var result = new List<object?>();
        var groups = regex.GetGroupNumbers().Length - 1;
        foreach (Match m in regex.Matches(s))
        {
            result.Add(groups switch
            {
                0 => m.Value,
                1 => m.Groups[1].Value,
                _ => new PyTuple([.. Enumerable.Range(1, groups).Select(g => (object?)m.Groups[g].Value)]),
            });
        }

        return result;
    }

    private static string Sub(Regex regex, JinjaCallArguments a)
    {
        var replacement = Str(a, 1, "repl").Replace("$", "$$", StringComparison.Ordinal);
        replacement = System.Text.RegularExpressions.Regex.Replace(replacement, @"\\(\d+)|\\g<(\w+)>", m => "${" + (m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value) + "}");
        var count = (int)a.GetInt(3, "count");
        var s = Str(a, 2, "string");
        return count > 0 ? regex.Replace(s, replacement, count) : regex.Replace(s, replacement);
    }

    private static List<object?> Split(Regex regex, string s, int maxsplit)
    {
        var parts = maxsplit > 0 ? regex.Split(s, maxsplit + 1) : regex.Split(s);
        return [.. parts];
    }

    private static string Escape(string s)
    {
        var sb = new StringBuilder();
        foreach (var c in s)
        {
            if (!char.IsLetterOrDigit(c) && c != '_' && c < 128)
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>A compiled pattern: the module functions as methods.</summary>
    private sealed class CompiledPattern(Regex regex) : IJinjaObject
    {
        public Regex Regex { get; } = regex;

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "pattern" => Regex.ToString(),
                "match" => new JinjaFunction(a => Match(Regex, Str(a, 0, "string"), anchored: true, full: false)),
                "fullmatch" => new JinjaFunction(a => Match(Regex, Str(a, 0, "string"), anchored: true, full: true)),
                "search" => new JinjaFunction(a => Match(Regex, Str(a, 0, "string"), anchored: false, full: false)),
                "findall" => new JinjaFunction(a => FindAll(Regex, Str(a, 0, "string"))),
                "split" => new JinjaFunction(a => Split(Regex, Str(a, 0, "string"), (int)a.GetInt(1, "maxsplit"))),
                _ => null,
            };
            return value is not null;
        }
    }

    /// <summary>A match: <c>group(n or name)</c>, <c>groups()</c>, <c>start()</c>, <c>end()</c>, <c>span()</c>.</summary>
    private sealed class MatchObject(Match match) : IJinjaObject
    {
        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "group" => new JinjaFunction(Group),
                "groups" => new JinjaFunction(_ => new PyTuple([.. match.Groups.Cast<Group>().Skip(1).Select(g => g.Success ? (object?)g.Value : null)])),
                "start" => new JinjaFunction(_ => (long)match.Index),
                "end" => new JinjaFunction(_ => (long)(match.Index + match.Length)),
                "span" => new JinjaFunction(_ => new PyTuple([(long)match.Index, (long)(match.Index + match.Length)])),
                "string" => match.Value,
                _ => null,
            };
            return value is not null;
        }

        private object? Group(JinjaCallArguments a)
        {
            var key = a.Get(0, "group", 0L);
            var g = key is string s ? match.Groups[s] : match.Groups[(int)PyOps.ToLong(key, a.Span)];
            return g.Success ? g.Value : null;
        }

        public override string ToString() =>
            $"<re.Match object; span=({match.Index}, {match.Index + match.Length}), match={PyStr.Repr(match.Value)}>";
    }
}
