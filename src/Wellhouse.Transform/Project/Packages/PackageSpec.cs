namespace Wellhouse.Transform.Project.Packages;

/// <summary>The kinds of entry a <c>packages.yml</c> may hold (dbt docs: "Packages").</summary>
public enum PackageKind
{
    /// <summary><c>local: path</c>, relative to the project directory.</summary>
    Local,

    /// <summary><c>git: url</c> with optional <c>revision</c> and <c>subdirectory</c>.</summary>
    Git,

    /// <summary><c>package: org/name</c> with <c>version</c>, from the dbt package hub.</summary>
    Hub,

    /// <summary><c>tarball: url</c> with <c>name</c>.</summary>
    Tarball,
}

/// <summary>One entry of <c>packages.yml</c> / <c>dependencies.yml</c>, after rendering (env_var).</summary>
public sealed class PackageSpec
{
    public required PackageKind Kind { get; init; }

    /// <summary>The entry's main value: the local path, the git URL, the hub name (<c>org/name</c>) or the tarball URL.</summary>
    public required string Source { get; init; }

    /// <summary>Git revision (branch, tag or commit); null for the default branch.</summary>
    public string? Revision { get; init; }

    /// <summary>Folder of the git repository that holds the package's dbt_project.yml.</summary>
    public string? Subdirectory { get; init; }

    /// <summary>Hub version or version range (a string or a list of range parts, as written).</summary>
    public IReadOnlyList<string> Versions { get; init; } = [];

    /// <summary>Tarball package name.</summary>
    public string? Name { get; init; }

    /// <summary>The entry as written (for package-lock.yml's sha1_hash, which hashes the entries as dbt does).</summary>
    public required Dictionary<string, object?> Raw { get; init; }

    /// <summary>Where the entry is written.</summary>
    public required SourceSpan Span { get; init; }

    /// <summary>How the entry is named in messages: <c>local: ../</c>, <c>git: url</c>, <c>package: org/name</c>.</summary>
    public string Display => Kind switch
    {
        PackageKind.Local => "local: " + Source,
        PackageKind.Git => "git: " + Source,
        PackageKind.Hub => "package: " + Source,
        _ => "tarball: " + Source,
    };
}
