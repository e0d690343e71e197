using YamlDotNet.RepresentationModel;

namespace Wellhouse.Transform.Project.Packages;

/// <summary>
/// Reads a project's package dependencies as dbt does: <c>packages.yml</c>, or <c>dependencies.yml</c> (dbt 1.6+), never
/// both with packages. Entries are <c>local:</c>, <c>git:</c> (<c>revision</c>, <c>subdirectory</c>,
/// <c>warn-unpinned</c>), <c>package:</c> + <c>version:</c> (hub) and <c>tarball:</c> + <c>name:</c>; strings are
/// rendered with <c>env_var()</c>. Unknown keys are DBT101.
/// </summary>
internal static class PackagesFile
{
    public const string PackagesYml = "packages.yml";
    public const string DependenciesYml = "dependencies.yml";

    private static readonly HashSet<string> EntryKeys = new(StringComparer.Ordinal)
    {
        "local", "git", "revision", "subdirectory", "warn-unpinned", "package", "version", "install-prerelease", "tarball", "name",
    };

    /// <summary>The specs, with the file they came from (null when the project has neither file); null on errors.</summary>
    public static (List<PackageSpec> Specs, string? File)? Read(string projectDir, DiagnosticBag diagnostics, StringRenderer render)
    {
        var errorsBefore = diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error);
        var fromPackages = ReadFile(projectDir, PackagesYml, diagnostics, render);
        var fromDependencies = ReadFile(projectDir, DependenciesYml, diagnostics, render);
        if (fromPackages is { Count: > 0 } && fromDependencies is { Count: > 0 })
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, "packages are listed in both packages.yml and dependencies.yml; dbt allows only one of them", new SourceSpan(DependenciesYml, 1, 1));
            return null;
        }

        if (diagnostics.Items.Count(d => d.Severity == DiagnosticSeverity.Error) > errorsBefore)
        {
            return null;
        }

        return fromPackages is { Count: > 0 } ? (fromPackages, PackagesYml)
            : fromDependencies is { Count: > 0 } ? (fromDependencies, DependenciesYml)
            : ([], fromPackages is not null ? PackagesYml : fromDependencies is not null ? DependenciesYml : null);
    }

    private static List<PackageSpec>? ReadFile(string projectDir, string name, DiagnosticBag diagnostics, StringRenderer render)
    {
        var path = Path.Combine(projectDir, name);
        if (!File.Exists(path))
        {
            return null;
        }

        var root = YamlFile.ParseMapping(File.ReadAllText(path), name, diagnostics);
        if (root is null)
        {
            return null;
        }

        return ReadEntries(root, name, diagnostics, render);
    }

    /// <summary>The entries of a packages.yml-shaped mapping (also package-lock.yml without its sha1_hash).</summary>
    internal static List<PackageSpec> ReadEntries(YamlMappingNode root, string name, DiagnosticBag diagnostics, StringRenderer render)
    {
        var result = new List<PackageSpec>();
        foreach (var (key, keyNode, value) in YamlFile.Entries(root))
        {
            if (key == "projects" && name == DependenciesYml)
            {
                diagnostics.Error(DiagnosticCodes.UnknownKey, "'projects:' (dbt Mesh cross-project dependencies) is not supported", YamlFile.SpanOf(keyNode, name));
                continue;
            }

            if (key != "packages")
            {
                diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{key}' in {name} (expected 'packages')", YamlFile.SpanOf(keyNode, name));
                continue;
            }

            if (value is YamlScalarNode { Value: null or "" })
            {
                continue;
            }

            if (value is not YamlSequenceNode list)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, "'packages' must be a list", YamlFile.SpanOf(value, name));
                continue;
            }

            foreach (var item in list.Children)
            {
                if (ReadEntry(item, name, diagnostics, render) is { } spec)
                {
                    result.Add(spec);
                }
            }
        }

        return result;
    }

    private static PackageSpec? ReadEntry(YamlNode item, string file, DiagnosticBag diagnostics, StringRenderer render)
    {
        var span = YamlFile.SpanOf(item, file);
        if (item is not YamlMappingNode mapping)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, "a package entry must be a mapping (local:, git:, package: or tarball:)", span);
            return null;
        }

        var raw = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in YamlFile.Entries(mapping))
        {
            if (!EntryKeys.Contains(key))
            {
                diagnostics.Error(DiagnosticCodes.UnknownKey, $"unknown key '{key}' in a package entry", YamlFile.SpanOf(keyNode, file));
                continue;
            }

            raw[key] = DbtProjectReader.Render(value, render, diagnostics, skip: false, file);
        }

        var kinds = new[] { "local", "git", "package", "tarball" }.Where(raw.ContainsKey).ToList();
        if (kinds.Count != 1 || raw[kinds[0]] is not string source || source.Length == 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, "a package entry needs exactly one of local:, git:, package: or tarball: (a string)", span);
            return null;
        }

        var kind = kinds[0] switch
        {
            "local" => PackageKind.Local,
            "git" => PackageKind.Git,
            "package" => PackageKind.Hub,
            _ => PackageKind.Tarball,
        };
        var versions = raw.GetValueOrDefault("version") switch
        {
            null => [],
            List<object?> parts => parts.Select(p => p?.ToString() ?? string.Empty).ToList(),
            var one => new List<string> { Convert.ToString(one, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty },
        };
        if (kind == PackageKind.Hub && versions.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"hub package '{source}' needs a 'version'", span);
            return null;
        }

        if (kind == PackageKind.Tarball && raw.GetValueOrDefault("name") is not string)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, $"tarball package '{source}' needs a 'name'", span);
            return null;
        }

        return new PackageSpec
        {
            Kind = kind,
            Source = source,
            Revision = raw.GetValueOrDefault("revision")?.ToString(),
            Subdirectory = raw.GetValueOrDefault("subdirectory") as string,
            Versions = versions,
            Name = raw.GetValueOrDefault("name") as string,
            Raw = raw,
            Span = span,
        };
    }
}
