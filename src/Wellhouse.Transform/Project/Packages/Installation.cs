namespace Wellhouse.Transform.Project.Packages;

/// <summary>A package chosen by <see cref="PackageResolver"/>: what to fetch (a hub version, a git revision, a local
/// path, a tarball), the folder its relative paths start from, and its first packages.yml entry (for messages).</summary>
internal sealed record PinnedPackage(PackageKind Kind, string Source, string BaseDir, SourceSpan Span)
{
    public string? Revision { get; init; }

    public string? Subdirectory { get; init; }

    /// <summary>A git entry's <c>warn-unpinned</c> (default true): warn when it follows a branch rather than a tag or commit.</summary>
    public bool WarnUnpinned { get; init; }

    /// <summary>The hub version chosen, and the newest the hub offers that could be installed.</summary>
    public HubVersion? Version { get; init; }

    public string? Latest { get; init; }

    /// <summary>The hub's name of the package (the folder it is installed in); a tarball entry's <c>name:</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Two pins with the same identity fetch the same files.</summary>
    public string Identity => Kind switch
    {
        PackageKind.Local => "local:" + Path.GetFullPath(Source, BaseDir),
        PackageKind.Git => $"git:{Source}@{Revision}/{Subdirectory}",
        PackageKind.Hub => $"hub:{Source}@{Version?.Text}",
        _ => "tarball:" + Source,
    };

    /// <summary>How messages name it: <c>dbt-labs/dbt_utils 1.3.0</c>, <c>git: url@revision</c>, <c>local: path</c>.</summary>
    public string Display => Kind switch
    {
        PackageKind.Local => "local: " + Source,
        PackageKind.Git => $"git: {Source}" + (Revision is null ? string.Empty : "@" + Revision) + (Subdirectory is null ? string.Empty : " (" + Subdirectory + ")"),
        PackageKind.Hub => $"{Source} {Version?.Text}",
        _ => "tarball: " + Source,
    };
}

/// <summary>A package's files on this machine: its project name, its folder (a local package's own folder, else a
/// temporary one of the deps run), the entry package-lock.yml pins, and what the log says it was installed from.</summary>
internal sealed record FetchedPackage(string Name, string Folder, bool IsLocal, PackageSpec Pinned, string Message);

/// <summary>
/// One deps run's downloads: each pinned package fetched once (a git revision checked out, a hub or tarball archive
/// extracted) into a temporary folder under the staging folder, then the chosen ones placed as
/// <c>&lt;staging&gt;/&lt;name&gt;</c> (a local package as a symbolic link to its folder, a copy where links fail).
/// </summary>
internal sealed class Installation(string stagingDir, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, FetchedPackage> fetched = new(StringComparer.Ordinal);

    public FetchedPackage Fetch(PinnedPackage pin)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!fetched.TryGetValue(pin.Identity, out var result))
        {
            result = pin.Kind switch
            {
                PackageKind.Local => FetchLocal(pin),
                PackageKind.Git => FetchGit(pin),
                PackageKind.Hub => FetchHub(pin),
                _ => FetchTarball(pin),
            };
            fetched[pin.Identity] = result;
        }

        return result;
    }

    /// <summary>Puts a fetched package at <c>&lt;staging&gt;/&lt;name&gt;</c>.</summary>
    public void Place(FetchedPackage package)
    {
        var target = Path.Combine(stagingDir, package.Name);
        RemoveExisting(target);
        if (!package.IsLocal)
        {
            Directory.Move(package.Folder, target);
            return;
        }

        try
        {
            Directory.CreateSymbolicLink(target, package.Folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            CopyTree(package.Folder, target);
        }
    }

    private static FetchedPackage FetchLocal(PinnedPackage pin)
    {
        var source = Path.GetFullPath(pin.Source, pin.BaseDir);
        var raw = new Dictionary<string, object?>(StringComparer.Ordinal) { ["local"] = pin.Source };
        var spec = new PackageSpec { Kind = PackageKind.Local, Source = pin.Source, Raw = raw, Span = pin.Span };
        return new FetchedPackage(PackageName(source), source, IsLocal: true, spec, $"<local @ {pin.Source}>");
    }

    private FetchedPackage FetchGit(PinnedPackage pin)
    {
        var url = pin.Source;
        if (!url.Contains("://", StringComparison.Ordinal) && !url.Contains('@', StringComparison.Ordinal) && Directory.Exists(Path.GetFullPath(url, pin.BaseDir)))
        {
            url = Path.GetFullPath(url, pin.BaseDir);
        }

        var clone = NewFolder();
        var commit = GitClient.CloneAt(url, pin.Revision, clone, cancellationToken);
        Directory.Delete(Path.Combine(clone, ".git"), recursive: true);
        var source = pin.Subdirectory is null ? clone : Path.Combine(clone, pin.Subdirectory);
        if (!Directory.Exists(source))
        {
            throw new PackageInstallException($"the repository has no subdirectory '{pin.Subdirectory}' at revision {pin.Revision ?? "HEAD"}");
        }

        var name = PackageName(source);
        var raw = new Dictionary<string, object?>(StringComparer.Ordinal) { ["git"] = pin.Source, ["revision"] = commit };
        if (pin.Subdirectory is not null)
        {
            raw["subdirectory"] = pin.Subdirectory;
        }

        raw["name"] = name;
        var spec = new PackageSpec { Kind = PackageKind.Git, Source = pin.Source, Revision = commit, Subdirectory = pin.Subdirectory, Raw = raw, Span = pin.Span };
        return new FetchedPackage(name, source, IsLocal: false, spec, "revision " + (pin.Revision ?? commit));
    }

    private FetchedPackage FetchHub(PinnedPackage pin)
    {
        var version = pin.Version!;
        var root = HubClient.DownloadAndExtract(version.Tarball ?? throw new PackageInstallException($"the hub lists no tarball for {pin.Source} {version.Text}"), NewFolder(), cancellationToken);
        var name = pin.Name ?? PackageName(root);
        var raw = new Dictionary<string, object?>(StringComparer.Ordinal) { ["package"] = pin.Source, ["version"] = version.Text, ["name"] = name };
        var spec = new PackageSpec { Kind = PackageKind.Hub, Source = pin.Source, Versions = [version.Text], Raw = raw, Span = pin.Span };
        return new FetchedPackage(name, root, IsLocal: false, spec, "version " + version.Text);
    }

    /// <summary>dbt's <c>tarball: url</c> + <c>name:</c>: a .tar.gz holding a dbt project (at its root or in one
    /// folder), installed under the name its dbt_project.yml gives; a different <c>name:</c> is an error.</summary>
    private FetchedPackage FetchTarball(PinnedPackage pin)
    {
        var root = HubClient.DownloadAndExtract(pin.Source, NewFolder(), cancellationToken);
        var name = PackageName(root);
        if (pin.Name is { Length: > 0 } given && given != name)
        {
            throw new PackageInstallException($"the archive's dbt_project.yml names the package '{name}', not '{given}'");
        }

        var raw = new Dictionary<string, object?>(StringComparer.Ordinal) { ["tarball"] = pin.Source, ["name"] = name };
        var spec = new PackageSpec { Kind = PackageKind.Tarball, Source = pin.Source, Name = name, Raw = raw, Span = pin.Span };
        return new FetchedPackage(name, root, IsLocal: false, spec, "tarball " + pin.Source);
    }

    private string NewFolder() => Path.Combine(stagingDir, ".fetch-" + Guid.NewGuid().ToString("N"));

    /// <summary>The <c>name</c> of the dbt_project.yml in <paramref name="folder"/>.</summary>
    private static string PackageName(string folder)
    {
        var diagnostics = new DiagnosticBag();
        var file = Directory.Exists(folder) ? DbtProjectReader.Read(folder, diagnostics, (text, _) => text) : null;
        return file?.Name ?? throw new PackageInstallException($"'{folder}' holds no readable dbt_project.yml" + (diagnostics.Items.Count > 0 ? ": " + diagnostics.Items[0].Message : string.Empty));
    }

    public static void RemoveExisting(string target)
    {
        var info = new DirectoryInfo(target);
        if (info.LinkTarget is not null)
        {
            File.Delete(target);
        }
        else if (info.Exists)
        {
            info.Delete(recursive: true);
        }
    }

    private static void CopyTree(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            CopyTree(directory, Path.Combine(target, Path.GetFileName(directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }
}
