namespace Wellhouse.Transform.Project.Packages;

/// <summary>
/// One project the loader reads: the root project or an installed package (a folder of packages-install-path with
/// its own dbt_project.yml). Paths of its files are kept relative to the root project directory, so a package file
/// reads <c>dbt_packages/dbt_utils/macros/x.sql</c> in messages; <see cref="Prefix"/> is that folder with a slash.
/// </summary>
internal sealed class PackageProject
{
    public required DbtProjectFile File { get; init; }

    /// <summary>The package's folder relative to the root project directory, ending in <c>/</c>; empty for the root.</summary>
    public required string Prefix { get; init; }

    public bool IsRoot => Prefix.Length == 0;

    public string Name => File.Name;

    /// <summary>The package's schema files (models, seeds, sources, macros, unit tests described in its .yml files).</summary>
    public SchemaFiles Schema { get; } = new();

    /// <summary>The schema entries by (kind, name), the first when described twice; built on first use.</summary>
    public Dictionary<(string Kind, string Name, string? Version), SchemaEntry>? EntriesByName { get; set; }

    /// <summary><paramref name="relative"/> (to the root project) made relative to this package's folder.</summary>
    public string PackageRelative(string relative) =>
        Prefix.Length > 0 && relative.StartsWith(Prefix, StringComparison.Ordinal) ? relative[Prefix.Length..] : relative;
}
