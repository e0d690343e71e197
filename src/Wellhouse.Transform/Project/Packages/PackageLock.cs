using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project.Packages;

/// <summary>
/// <c>package-lock.yml</c> as dbt 1.7+ writes it: the pinned packages (<c>local</c> as written, <c>git</c> with the
/// commit, hub <c>package</c> with the exact version) and <c>sha1_hash</c> of the packages.yml entries. dbt hashes
/// each entry as <c>json.dumps(spec.to_dict(), sort_keys=True)</c>: the entry, its dataclass's unset fields with their
/// defaults (a hub package's <c>install_prerelease: false</c>, a git package's <c>revision</c>, <c>warn-unpinned</c>
/// and <c>subdirectory</c> as null) and <c>unrendered</c> (the entry as written); it sorts those lines and takes the
/// SHA-1 of them joined by newlines. The same is done here so a lock written by either tool is honoured by the other
/// (checked against locks dbt wrote for hub and git entries).
/// </summary>
internal static class PackageLock
{
    public const string FileName = "package-lock.yml";

    public static string Hash(IEnumerable<PackageSpec> specs)
    {
        var lines = specs.Select(s =>
        {
            var entry = new SortedDictionary<string, object?>(s.Raw, StringComparer.Ordinal) { ["unrendered"] = new SortedDictionary<string, object?>(s.Raw, StringComparer.Ordinal) };
            foreach (var (key, value) in DataclassDefaults(s.Kind))
            {
                entry.TryAdd(key, value);
            }

            return PythonJson(entry);
        }).Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    /// <summary>The fields dbt-core's package dataclass (RegistryPackage, GitPackage) serializes when unset.</summary>
    private static IEnumerable<KeyValuePair<string, object?>> DataclassDefaults(PackageKind kind) => kind switch
    {
        PackageKind.Hub => [new("install_prerelease", false)],
        PackageKind.Git => [new("revision", null), new("warn-unpinned", null), new("subdirectory", null)],
        _ => [],
    };

    /// <summary>The lock's entries and hash, or null when there is no lock file.</summary>
    public static (List<PackageSpec> Specs, string? Hash)? Read(string projectDir, DiagnosticBag diagnostics)
    {
        var path = Path.Combine(projectDir, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var root = YamlFile.ParseMapping(File.ReadAllText(path), FileName, diagnostics);
        if (root is null)
        {
            return null;
        }

        // The lock has the shape of packages.yml plus sha1_hash; read its entries with the same reader.
        var hash = YamlFile.ScalarText(YamlFile.Get(root, "sha1_hash"));
        var withoutHash = new YamlMappingNode();
        foreach (var (key, keyNode, value) in YamlFile.Entries(root))
        {
            if (key != "sha1_hash")
            {
                withoutHash.Add(keyNode, value);
            }
        }

        var specs = PackagesFile.ReadEntries(withoutHash, FileName, diagnostics, (text, _) => text);
        return specs is null ? null : (specs, hash);
    }

    public static void Write(string projectDir, IEnumerable<PackageSpec> pinned, string hash)
    {
        var text = new StringBuilder("packages:\n");
        foreach (var spec in pinned)
        {
            var first = true;
            foreach (var (key, value) in spec.Raw)
            {
                text.Append(first ? "  - " : "    ").Append(key).Append(": ").Append(Scalar(value)).Append('\n');
                first = false;
            }
        }

        text.Append("sha1_hash: ").Append(hash).Append('\n');
        var path = Path.Combine(projectDir, FileName);
        File.WriteAllText(path + ".tmp", text.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long or int or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        List<object?> list => "[" + string.Join(", ", list.Select(Scalar)) + "]",
        _ => Quote(value.ToString() ?? string.Empty),
    };

    /// <summary>A YAML plain scalar when it reads back as the same string, else a double-quoted one.</summary>
    private static string Quote(string text)
    {
        var plain = text.Length > 0 && !text.Any(c => c is ':' or '#' or '"' or '\'' or '{' or '}' or '[' or ']' or ',' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' || char.IsWhiteSpace(c))
            && text[0] is not ('-' or '?') && YamlFile.ScalarValue(new YamlScalarNode(text)) is string;
        return plain ? text : "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Python's <c>json.dumps(value, sort_keys=True)</c> for the values a package entry holds.</summary>
    private static string PythonJson(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => JsonString(s),
        IDictionary<string, object?> map => "{" + string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonString(p.Key) + ": " + PythonJson(p.Value))) + "}",
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(PythonJson)) + "]",
        _ => JsonString(value.ToString() ?? string.Empty),
    };

    private static string JsonString(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x20 || c > 0x7f => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }
}
