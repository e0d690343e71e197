using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Wellhouse.Cli;

/// <summary>
/// A command line that does not parse, reported in a few lines instead of the whole help: what is wrong with each
/// token, the closest command or option when one is near ("did you mean"), values described in words ("a whole
/// number", never a .NET type name), and where the help is. Exit code 1.
/// </summary>
internal static partial class ParseErrors
{
    public static int Report(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        var lines = new List<string>();
        foreach (var token in parse.UnmatchedTokens)
        {
            var isOption = token.StartsWith('-');
            var candidates = isOption
                ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
                : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => c.Aliases.Prepend(c.Name));
            var kind = isOption ? "option" : command.Subcommands.Count > 0 ? "command" : "argument";
            var suggestion = Closest(token, candidates);
            lines.Add($"{path}: unknown {kind} '{token}'" + (suggestion is null ? "" : $"; did you mean '{suggestion}'?"));
        }

        foreach (var message in parse.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal))
        {
            if (message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal))
            {
                continue; // said above, token by token
            }

            if (message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            {
                if (parse.UnmatchedTokens.Count == 0)
                {
                    lines.Add($"{path}: a command is required: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
                }

                continue;
            }

            lines.Add($"{path}: {Readable(message)}");
        }

        lines.Add($"Run '{path} --help' for usage.");
        foreach (var line in lines)
        {
            error.WriteLine(line);
        }

        return 1;
    }

    /// <summary>"Cannot parse argument 'abc' for option '--threads' as expected type 'System.Nullable`1[System.Int32]'."
    /// becomes "option '--threads': 'abc' is not a whole number".</summary>
    private static string Readable(string message)
    {
        var match = CannotParse().Match(message);
        return match.Success
            ? $"{match.Groups["what"].Value} '{match.Groups["name"].Value}': '{match.Groups["value"].Value}' is not {Describe(match.Groups["type"].Value)}"
            : message;
    }

    private static string Describe(string type)
    {
        var inner = NullableType().Match(type) is { Success: true } nullable ? nullable.Groups[1].Value : type;
        return inner switch
        {
            "System.Int32" or "System.Int64" or "System.Int16" => "a whole number",
            "System.Double" or "System.Single" or "System.Decimal" => "a number",
            "System.Boolean" => "true or false",
            "System.DateOnly" => "a date (yyyy-MM-dd)",
            "System.DateTime" => "a date and time",
            "System.TimeSpan" => "a time span",
            _ => "a valid " + inner[(inner.LastIndexOf('.') + 1)..],
        };
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: var command })
            {
                names.Add(command is RootCommand ? "wellhouse" : command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The candidate nearest to <paramref name="token"/> by edit distance (at most a third of its length, at
    /// least 1), or one it is a prefix of; null when none is near.</summary>
    private static string? Closest(string token, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: c.StartsWith(token, StringComparison.OrdinalIgnoreCase) && token.TrimStart('-').Length >= 2 ? 0 : Distance(token, c)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, token.TrimStart('-').Length / 3) ? best.Name : null;
    }

    /// <summary>Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?<what>option|argument|command) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"^System\.Nullable`1\[(.+)\]$")]
    private static partial Regex NullableType();
}
