using System.Text;
using System.Text.RegularExpressions;

namespace Wellhouse.Transform.Project;

/// <summary>
/// A project's (or package's) <c>.dbtignore</c>: gitignore patterns over the paths of its files relative to its
/// folder (dbt docs ".dbtignore"; dbt matches them with pathspec's git wildmatch rules, and so does this class):
/// blank lines and <c>#</c> comments are skipped, surrounding spaces trimmed (a trailing <c>\ </c> keeps its space);
/// <c>!</c> re-includes; the last pattern that matches a path decides. A pattern with no slash, or only a trailing
/// one, matches at any depth (<c>*.py</c>, <c>scratch/</c>); one with a slash at its start or inside is anchored at
/// the folder (<c>/models/tmp.sql</c>, <c>models/scratch/*.sql</c>). A pattern matches a file or a folder and
/// everything below it; one ending in <c>/</c> only what is below a folder. <c>*</c> and <c>?</c> match within one
/// path part, <c>[a-z]</c>/<c>[!a-z]</c> one character of a set, <c>**</c> any number of parts (<c>**/x</c>,
/// <c>x/**</c>, <c>a/**/b</c>), and <c>\</c> escapes the next character.
/// </summary>
internal sealed class DbtIgnore
{
    public const string FileName = ".dbtignore";

    private readonly List<(Regex Regex, bool Ignore)> patterns;

    private DbtIgnore(List<(Regex, bool)> patterns) => this.patterns = patterns;

    public bool IsEmpty => patterns.Count == 0;

    /// <summary>The patterns of <c>&lt;folder&gt;/.dbtignore</c>; null when there is no such file.
    /// <paramref name="invalid"/> gets the line number and text of a pattern that cannot be read (it is skipped).</summary>
    public static DbtIgnore? Load(string folder, Action<int, string>? invalid = null)
    {
        var path = Path.Combine(folder, FileName);
        return File.Exists(path) ? Parse(File.ReadAllLines(path), invalid) : null;
    }

    public static DbtIgnore Parse(IEnumerable<string> lines, Action<int, string>? invalid = null)
    {
        var list = new List<(Regex, bool)>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            try
            {
                if (Compile(line) is { } pattern)
                {
                    list.Add(pattern);
                }
            }
            catch (ArgumentException)
            {
                invalid?.Invoke(number, line);
            }
        }

        return new DbtIgnore(list);
    }

    /// <summary>Whether the file at <paramref name="relativePath"/> (relative to the folder, <c>/</c> separated) is ignored.</summary>
    public bool Ignores(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        path = path.TrimStart('/');
        var ignored = false;
        foreach (var (regex, ignore) in patterns)
        {
            if (regex.IsMatch(path))
            {
                ignored = ignore;
            }
        }

        return ignored;
    }

    private static (Regex, bool)? Compile(string line)
    {
        var text = line.EndsWith("\\ ", StringComparison.Ordinal) ? line.TrimStart() : line.Trim();
        if (text.Length == 0 || text.StartsWith('#') || text == "/")
        {
            return null;
        }

        var ignore = true;
        if (text.StartsWith('!'))
        {
            ignore = false;
            text = text[1..];
        }

        var parts = text.Split('/').ToList();
        // Runs of ** parts count as one.
        for (var i = parts.Count - 1; i > 0; i--)
        {
            if (parts[i] == "**" && parts[i - 1] == "**")
            {
                parts.RemoveAt(i);
            }
        }

        // '**/' alone: anything inside a folder (never a file at the top).
        if (parts is ["**", ""])
        {
            return (new Regex("^.+/.*$", RegexOptions.CultureInvariant), ignore);
        }

        if (parts[0].Length == 0)
        {
            // A leading slash anchors the pattern at the folder.
            parts.RemoveAt(0);
        }
        else if (parts.Count == 1 || (parts.Count == 2 && parts[1].Length == 0))
        {
            // One part (maybe with a trailing slash) matches at any depth.
            if (parts[0] != "**")
            {
                parts.Insert(0, "**");
            }
        }

        if (parts.Count == 0)
        {
            return null;
        }

        if (parts.Count > 1 && parts[^1].Length == 0)
        {
            // A trailing slash: only what is below a folder of that name.
            parts[^1] = "**";
        }

        var regex = new StringBuilder("^");
        var slash = false;
        var last = parts.Count - 1;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part == "**")
            {
                if (i == 0 && i == last)
                {
                    regex.Append("[^/]+(?:/.*)?");
                }
                else if (i == 0)
                {
                    regex.Append("(?:.+/)?");
                    slash = false;
                }
                else if (i == last)
                {
                    regex.Append("/.*");
                }
                else
                {
                    regex.Append("(?:/.+)?");
                    slash = true;
                }

                continue;
            }

            if (slash)
            {
                regex.Append('/');
            }

            regex.Append(part == "*" ? "[^/]+" : Glob(part));
            if (i == last)
            {
                // A name matches a file, or a folder and everything below it.
                regex.Append("(?:/.*)?");
            }

            slash = true;
        }

        regex.Append('$');
        return (new Regex(regex.ToString(), RegexOptions.CultureInvariant), ignore);
    }

    /// <summary>One path part of a pattern as a regular expression: <c>*</c>, <c>?</c>, <c>[...]</c>, <c>\x</c>.</summary>
    private static string Glob(string part)
    {
        var output = new StringBuilder();
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            switch (c)
            {
                case '*':
                    output.Append("[^/]*");
                    break;
                case '?':
                    output.Append("[^/]");
                    break;
                case '\\' when i + 1 < part.Length:
                    output.Append(Regex.Escape(part[++i].ToString()));
                    break;
                case '[':
                    // A set: '!' or '^' first negates it; a ']' first (after that) belongs to it.
                    var first = i + 1 < part.Length && part[i + 1] is '!' or '^' ? i + 2 : i + 1;
                    var close = first + 1 <= part.Length ? part.IndexOf(']', Math.Min(first + 1, part.Length)) : -1;
                    if (close < 0)
                    {
                        output.Append("\\[");
                        break;
                    }

                    var set = part[first..close].Replace("\\", "\\\\", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
                    output.Append('[').Append(first == i + 2 ? "^" : string.Empty).Append(set).Append(']');
                    i = close;
                    break;
                default:
                    output.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return output.ToString();
    }
}
