using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project.Packages;

/// <summary>
/// dbt 1.8's <c>deps --add-package name@version --source hub|git|local</c>: the package becomes an entry of
/// packages.yml (dependencies.yml when only that one exists; packages.yml is created when neither does) as
/// <c>package:</c>/<c>version:</c>, <c>git:</c>/<c>revision:</c> or <c>local:</c>; a version holding commas becomes a
/// list of ranges; entries naming the package already (its name inside any of their values) are removed first. The
/// file is written again from its values, as dbt rewrites it (comments are not kept).
/// </summary>
internal static class PackagesFileEditor
{
    public static readonly IReadOnlyList<string> Sources = ["hub", "git", "local"];

    /// <summary>Adds the package; false (with a diagnostic) when the file cannot be read or the request is incomplete.</summary>
    public static bool Add(string projectDir, string package, string source, DiagnosticBag diagnostics, Action<string> log)
    {
        var at = package.IndexOf('@', StringComparison.Ordinal);
        var (name, version) = at < 0 ? (package, null) : (package[..at], package[(at + 1)..]);
        var span = new SourceSpan("--add-package", 0, 0);
        if (!Sources.Contains(source))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"--source must be one of hub, git, local, not '{source}'", new SourceSpan("--source", 0, 0));
            return false;
        }

        if (string.IsNullOrEmpty(version) && source != "local")
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"Version is required in --add-package when a package when source is {source}", span);
            return false;
        }

        var file = File.Exists(Path.Combine(projectDir, PackagesFile.PackagesYml)) || !File.Exists(Path.Combine(projectDir, PackagesFile.DependenciesYml))
            ? PackagesFile.PackagesYml
            : PackagesFile.DependenciesYml;
        var path = Path.Combine(projectDir, file);
        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            log("Created packages.yml");
        }
        else if (Read(path, file, diagnostics) is { } existing)
        {
            root = existing;
        }
        else
        {
            return false;
        }

        var entries = root.GetValueOrDefault("packages") as List<object?> ?? [];
        foreach (var entry in entries.Where(e => Names(e, name)).ToList())
        {
            entries.Remove(entry);
            log("Found duplicate package in packages.yml, removing: " + PythonRepr.Repr(entry));
        }

        var added = new Dictionary<string, object?>(StringComparer.Ordinal) { [source == "hub" ? "package" : source] = name };
        if (!string.IsNullOrEmpty(version))
        {
            added[source == "git" ? "revision" : "version"] = version.Contains(',', StringComparison.Ordinal) ? version.Split(',').Cast<object?>().ToList() : version;
        }

        entries.Add(added);
        root["packages"] = entries;
        File.WriteAllText(path, Emit(root));
        log($"Added new package {name}@{version ?? "None"} to {path}");
        return true;
    }

    private static Dictionary<string, object?>? Read(string path, string file, DiagnosticBag diagnostics)
    {
        var text = File.ReadAllText(path);
        if (text.Trim().Length == 0)
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        var root = YamlFile.ParseMapping(text, file, diagnostics);
        if (root is null || YamlFile.ToValue(root) is not Dictionary<string, object?> values)
        {
            return null;
        }

        if (values.GetValueOrDefault("packages") is not (null or List<object?>))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, "'packages' must be a list", YamlFile.SpanOf(root, file));
            return null;
        }

        return values;
    }

    /// <summary>dbt's duplicate check: the name is one of the entry's values, or inside one (a git URL).</summary>
    private static bool Names(object? entry, string name) =>
        entry is Dictionary<string, object?> map && map.Values.Any(v => v switch
        {
            string s => s.Contains(name, StringComparison.Ordinal),
            List<object?> list => list.Any(i => i is string s && s == name),
            _ => false,
        });

    /// <summary>Block YAML of the file's values: entries as list items, nested lists and mappings in flow style.</summary>
    private static string Emit(Dictionary<string, object?> root)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in root)
        {
            text.Append(Scalar(key)).Append(':');
            if (value is List<object?> items && items.All(i => i is Dictionary<string, object?>))
            {
                text.Append(items.Count == 0 ? " []\n" : "\n");
                foreach (var item in items.Cast<Dictionary<string, object?>>())
                {
                    var first = true;
                    foreach (var (entryKey, entryValue) in item)
                    {
                        text.Append(first ? "  - " : "    ").Append(Scalar(entryKey)).Append(": ").Append(Flow(entryValue)).Append('\n');
                        first = false;
                    }
                }
            }
            else
            {
                text.Append(' ').Append(Flow(value)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Flow(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long or int or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        string s => Scalar(s),
        List<object?> list => "[" + string.Join(", ", list.Select(Flow)) + "]",
        Dictionary<string, object?> map => "{" + string.Join(", ", map.Select(p => Scalar(p.Key) + ": " + Flow(p.Value))) + "}",
        _ => Scalar(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    /// <summary>A string plain when YAML reads it back as the same string, else double-quoted.</summary>
    private static string Scalar(string text)
    {
        var plain = text.Length > 0
            && text.Trim() == text
            && text.IndexOfAny([':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\n']) < 0
            && text[0] is not ('-' or '?')
            && YamlFile.ScalarValue(new YamlScalarNode(text) { Style = ScalarStyle.Plain }) is string same && same == text;
        return plain ? text : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
