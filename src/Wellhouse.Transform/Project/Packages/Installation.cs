namespace Wellhouse.Transform.Project.Packages;

/// <summary>One deps run's installs into a folder: each package once by name, then the packages it lists itself.</summary>
internal sealed class Installation(string installDir, string hubUrl, Action<string> log, CancellationToken cancellationToken)
{
    private readonly Dictionary<string, string> installed = new(StringComparer.Ordinal);

    /// <summary>The names of the installed packages (their folders under the install folder), in install order.</summary>
    public IEnumerable<string> Names => installed.Keys;

    /// <summary>The entries to write in package-lock.yml, in install order.</summary>
    public List<PackageSpec> Pinned { get; } = [];

    public void InstallAll(IEnumerable<(PackageSpec Spec, string BaseDir)> entries, DiagnosticBag diagnostics)
    {
        var queue = new Queue<(PackageSpec Spec, string BaseDir)>(entries);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.TryDequeue(out var item))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (spec, baseDir) = item;
            var key = spec.Kind == PackageKind.Local ? "local:" + Path.GetFullPath(spec.Source, baseDir) : spec.Display;
            if (!seen.Add(key))
            {
                continue;
            }

            log("Installing " + spec.Source);
            try
            {
                var (name, folder, pinned, message) = Install(spec, baseDir);
                if (installed.TryGetValue(name, out var other))
                {
                    diagnostics.Warning(DiagnosticCodes.DepsFailed, $"package '{name}' is listed twice ({other} and {spec.Display}); the first is kept", spec.Span);
                    continue;
                }

                installed[name] = spec.Display;
                Pinned.Add(pinned);
                log("Installed from " + message);
                var inner = PackagesFile.Read(folder, new DiagnosticBag(), (text, _) => text);
                foreach (var dependency in inner?.Specs ?? [])
                {
                    queue.Enqueue((dependency, spec.Kind == PackageKind.Local ? Path.GetFullPath(spec.Source, baseDir) : folder));
                }
            }
            catch (PackageInstallException ex)
            {
                diagnostics.Error(DiagnosticCodes.DepsFailed, $"cannot install {spec.Display}: {ex.Message}{Advice(spec)}", spec.Span);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error(DiagnosticCodes.DepsFailed, $"cannot install {spec.Display}: {ex.Message}", spec.Span);
            }
        }
    }

    private static string Advice(PackageSpec spec) => spec.Kind switch
    {
        PackageKind.Local => string.Empty,
        PackageKind.Git => ". Without network access, clone the repository where it can be reached and use its path: `- git: /path/to/clone` (or file://...), or `- local: /path/to/the/package`",
        _ => ". Without network access, put a copy of the package on this machine and replace the entry with `- local: /path/to/the/package`",
    };

    private (string Name, string Folder, PackageSpec Pinned, string Message) Install(PackageSpec spec, string baseDir) => spec.Kind switch
    {
        PackageKind.Local => InstallLocal(spec, baseDir),
        PackageKind.Git => InstallGit(spec, baseDir),
        PackageKind.Hub => InstallHub(spec),
        _ => InstallTarball(spec),
    };

    private (string, string, PackageSpec, string) InstallLocal(PackageSpec spec, string baseDir)
    {
        var source = Path.GetFullPath(spec.Source, baseDir);
        var name = PackageName(source);
        var target = Path.Combine(installDir, name);
        RemoveExisting(target);
        try
        {
            Directory.CreateSymbolicLink(target, source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            CopyTree(source, target);
        }

        return (name, target, spec, $"<local @ {spec.Source}>");
    }

    private (string, string, PackageSpec, string) InstallGit(PackageSpec spec, string baseDir)
    {
        var url = spec.Source;
        if (!url.Contains("://", StringComparison.Ordinal) && !url.Contains('@', StringComparison.Ordinal) && Directory.Exists(Path.GetFullPath(url, baseDir)))
        {
            url = Path.GetFullPath(url, baseDir);
        }

        var temp = Path.Combine(installDir, ".wellhouse-clone-" + Guid.NewGuid().ToString("N"));
        try
        {
            var commit = GitClient.CloneAt(url, spec.Revision, temp, cancellationToken);
            var source = spec.Subdirectory is null ? temp : Path.Combine(temp, spec.Subdirectory);
            if (!Directory.Exists(source))
            {
                throw new PackageInstallException($"the repository has no subdirectory '{spec.Subdirectory}' at revision {spec.Revision ?? "HEAD"}");
            }

            var name = PackageName(source);
            var target = Path.Combine(installDir, name);
            RemoveExisting(target);
            CopyTree(source, target, skip: ".git");
            var raw = new Dictionary<string, object?>(StringComparer.Ordinal) { ["git"] = spec.Source, ["revision"] = commit };
            if (spec.Subdirectory is not null)
            {
                raw["subdirectory"] = spec.Subdirectory;
            }

            raw["name"] = name;
            var pinned = new PackageSpec { Kind = PackageKind.Git, Source = spec.Source, Revision = commit, Subdirectory = spec.Subdirectory, Raw = raw, Span = spec.Span };
            return (name, target, pinned, "revision " + (spec.Revision ?? commit));
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private (string, string, PackageSpec, string) InstallHub(PackageSpec spec)
    {
        var (name, version, tarball) = HubClient.Resolve(hubUrl, spec, cancellationToken);
        var target = Path.Combine(installDir, name);
        WithDownload(tarball, root =>
        {
            RemoveExisting(target);
            CopyTree(root, target);
            return target;
        });
        var raw = new Dictionary<string, object?>(StringComparer.Ordinal) { ["package"] = spec.Source, ["version"] = version, ["name"] = name };
        var pinned = new PackageSpec { Kind = PackageKind.Hub, Source = spec.Source, Versions = [version], Raw = raw, Span = spec.Span };
        return (name, target, pinned, "version " + version);
    }

    /// <summary>dbt's <c>tarball: url</c> + <c>name:</c>: a .tar.gz holding a dbt project (at its root or in one
    /// folder), installed under the name its dbt_project.yml gives; a different <c>name:</c> is an error.</summary>
    private (string, string, PackageSpec, string) InstallTarball(PackageSpec spec) => WithDownload(spec.Source, root =>
    {
        var name = PackageName(root);
        if (spec.Name is { Length: > 0 } given && given != name)
        {
            throw new PackageInstallException($"the archive's dbt_project.yml names the package '{name}', not '{given}'");
        }

        var target = Path.Combine(installDir, name);
        RemoveExisting(target);
        CopyTree(root, target);
        var raw = new Dictionary<string, object?>(StringComparer.Ordinal) { ["tarball"] = spec.Source, ["name"] = name };
        var pinned = new PackageSpec { Kind = PackageKind.Tarball, Source = spec.Source, Name = name, Raw = raw, Span = spec.Span };
        return (name, target, pinned, "tarball " + spec.Source);
    });

    /// <summary>Downloads and extracts a .tar.gz into a temporary folder, hands its project folder to
    /// <paramref name="use"/>, then deletes the temporary folder.</summary>
    private T WithDownload<T>(string url, Func<string, T> use)
    {
        var temp = Path.Combine(installDir, ".wellhouse-download-" + Guid.NewGuid().ToString("N"));
        try
        {
            return use(HubClient.DownloadAndExtract(url, temp, cancellationToken));
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

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

    private static void CopyTree(string source, string target, string? skip = null)
    {
        Directory.CreateDirectory(target);
        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            if (Path.GetFileName(directory) != skip)
            {
                CopyTree(directory, Path.Combine(target, Path.GetFileName(directory)));
            }
        }

        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }
}
