namespace Wellhouse.Transform.Project.Packages;

/// <summary>What <see cref="DepsInstaller.Run"/> needs: the project, and dbt's <c>deps</c> flags.</summary>
public sealed class DepsOptions
{
    public required string ProjectDir { get; init; }

    public string? VarsYaml { get; init; }

    /// <summary>Environment for env_var() in packages.yml; null reads the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary><c>--upgrade</c>: resolve packages.yml again even when package-lock.yml matches it.</summary>
    public bool Upgrade { get; init; }

    /// <summary><c>--lock</c>: write package-lock.yml without installing.</summary>
    public bool LockOnly { get; init; }

    /// <summary><c>--add-package name@version</c>: add the package to packages.yml first (dbt 1.8+); null adds none.</summary>
    public string? AddPackage { get; init; }

    /// <summary><c>--source</c> of <see cref="AddPackage"/>: hub (default), git or local.</summary>
    public string Source { get; init; } = "hub";

    /// <summary>The package hub (dbt's <c>DBT_PACKAGE_HUB_URL</c>); null reads that variable, else dbt's public hub.</summary>
    public string? HubUrl { get; init; }

    public Action<string>? Log { get; init; }
}

/// <summary>The diagnostics of a deps run; success when none is an error.</summary>
public sealed class DepsReport
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    public bool Success => Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
}

/// <summary>
/// dbt 1.7+'s <c>deps</c>: reads packages.yml (or dependencies.yml); when package-lock.yml exists and its sha1_hash
/// matches (and not <c>--upgrade</c>) installs exactly what it pins, else resolves the entries (a git revision to its
/// commit, hub version ranges from every packages.yml in the tree to one version: <see cref="PackageResolver"/>),
/// writes package-lock.yml and installs. Each package goes to
/// <c>&lt;packages-install-path&gt;/&lt;name from its dbt_project.yml&gt;</c>: a local package as a symbolic link (a
/// copy where links cannot be made), a git package checked out with the <c>git</c> command line (its
/// <c>subdirectory</c> only when given), a hub package from its tarball. A package that cannot be fetched (no
/// network) is DBT171 naming it and saying how to use a <c>local:</c> path instead.
/// </summary>
public static partial class DepsInstaller
{
    public static DepsReport Run(DepsOptions options, CancellationToken cancellationToken = default)
    {
        var diagnostics = new DiagnosticBag();
        var projectDir = Path.GetFullPath(options.ProjectDir);
        var log = options.Log ?? (_ => { });
        var environment = options.Environment ?? ProjectParser.ReadEnvironment();
        var render = ProjectParser.BootstrapRenderer(environment, new Dictionary<string, object?>());
        var project = DbtProjectReader.Read(projectDir, diagnostics, render);
        if (project is not null && options.AddPackage is { } added && !PackagesFileEditor.Add(projectDir, added, options.Source, diagnostics, log))
        {
            return new DepsReport { Diagnostics = diagnostics.Items };
        }

        var specs = project is null ? null : PackagesFile.Read(projectDir, diagnostics, render);
        if (project is null || specs is null)
        {
            return new DepsReport { Diagnostics = diagnostics.Items };
        }

        if (specs.Value.Specs.Count == 0)
        {
            log("Warning: No packages were found in packages.yml");
            return new DepsReport { Diagnostics = diagnostics.Items };
        }

        var hash = PackageLock.Hash(specs.Value.Specs);
        var lockFile = PackageLock.Read(projectDir, diagnostics);
        var fromLock = lockFile is { } existing && existing.Hash == hash && !options.Upgrade;
        var listedIn = specs.Value.File ?? PackagesFile.PackagesYml;
        var requests = fromLock
            ? lockFile!.Value.Specs.Select(s => new PackageRequest(s, projectDir, $"{PackageLock.FileName} line {s.Span.Line}", s.Span))
            : specs.Value.Specs.Select(s => new PackageRequest(s, projectDir, $"{listedIn} line {s.Span.Line}", s.Span));
        var installDir = Path.Combine(projectDir, ProjectParser.PackagesInstallPath(project));
        var hubUrl = options.HubUrl ?? environment.GetValueOrDefault("DBT_PACKAGE_HUB_URL") ?? "https://hub.getdbt.com/";
        // Packages are fetched into a staging folder and moved into place only when every one was resolved and
        // fetched, so a failed deps leaves the previous packages as they were.
        Directory.CreateDirectory(installDir);
        var staging = Path.Combine(installDir, ".wellhouse-staging-" + Guid.NewGuid().ToString("N"));
        List<(PinnedPackage Pin, FetchedPackage Package)>? chosen;
        try
        {
            Directory.CreateDirectory(staging);
            var installation = new Installation(staging, cancellationToken);
            var resolver = new PackageResolver(installation, hubUrl, project.Name, render, cancellationToken);
            // From the lock, every package is listed already (dbt's resolve_lock_packages); else the packages'
            // own packages.yml are followed.
            chosen = resolver.Resolve(requests, transitive: !fromLock, diagnostics);
            if (chosen is not null && !options.LockOnly)
            {
                foreach (var (pin, package) in chosen)
                {
                    if (pin.Kind == PackageKind.Git && pin.WarnUnpinned && pin.Revision is null or "HEAD" or "main" or "master")
                    {
                        // dbt's DepsUnpinned warning.
                        var how = pin.Revision is null or "HEAD" ? "not pinned, using HEAD (default branch)" : $"pinned to the \"{pin.Revision}\" branch";
                        log($"Warning: The git package \"{pin.Source}\" is {how}. This can introduce breaking changes into your project without warning! (pin a tag or commit in its revision:, or set warn-unpinned: false)");
                    }

                    log("Installing " + pin.Source);
                    installation.Place(package);
                    log("Installed from " + package.Message);
                    if (pin.Latest is { } latest && pin.Version is { } version && latest != version.Text)
                    {
                        log("  Updated version available: " + latest);
                    }
                }

                foreach (var (_, package) in chosen)
                {
                    var target = Path.Combine(installDir, package.Name);
                    Installation.RemoveExisting(target);
                    Directory.Move(Path.Combine(staging, package.Name), target);
                }
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        if (chosen is not null && !fromLock)
        {
            log("Updating lock file in file path: " + Path.Combine(projectDir, PackageLock.FileName));
            PackageLock.Write(projectDir, chosen.Select(c => c.Package.Pinned), hash);
        }

        return new DepsReport { Diagnostics = diagnostics.Items };
    }
}
