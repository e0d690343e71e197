using System.Globalization;

namespace Wellhouse.Transform.Project.Packages;

/// <summary>One entry of a packages.yml in the tree: the entry, the folder its relative paths start from, who lists
/// it (for messages), and the root project's entry it was reached through (where errors point).</summary>
internal sealed record PackageRequest(PackageSpec Spec, string BaseDir, string RequiredBy, SourceSpan Span);

/// <summary>
/// Chooses what to install as dbt's <c>deps</c> does (dbt-core's <c>resolve_packages</c>, documented in dbt docs
/// "Packages"): the root project's entries, then, round by round, the entries each chosen package lists in its own
/// packages.yml. Entries naming one package (a hub <c>org/name</c>, a git URL and subdirectory, a local folder, a
/// tarball URL) are merged: a hub package's version parts from every packages.yml are intersected by dbt's semver
/// rules (<see cref="VersionRange.Reduce"/>) and the newest version the hub lists within them is chosen, leaving out
/// prereleases unless the first entry says <c>install-prerelease: true</c> or a part names a prerelease, and versions
/// whose <c>require_dbt_version</c> excludes this dbt version; parts that cannot all hold are an error naming each
/// entry and its range. Git entries of one repository must name one revision. Then no two packages may have the same
/// project name, nor the root project's. Each chosen package is fetched once (<see cref="Installation"/>).
/// </summary>
internal sealed class PackageResolver(Installation installation, string hubUrl, string rootProjectName, StringRenderer render, CancellationToken cancellationToken)
{
    /// <summary>The dbt version whose compatibility hub versions are checked against (dbt's default version check).</summary>
    private static readonly PackageVersion DbtVersion = VersionSpecifier.Parse(Artifacts.RunResultsWriter.DbtVersion).Version;

    private readonly Dictionary<string, HubPackage> hub = new(StringComparer.Ordinal);

    /// <summary>A package as every entry naming it asks for it.</summary>
    private sealed class Unpinned(string key, PackageKind kind)
    {
        public string Key { get; } = key;

        public PackageKind Kind { get; } = kind;

        public List<PackageRequest> Requests { get; } = [];

        public PackageRequest First => Requests[0];
    }

    /// <summary>dbt's PackageListing: packages by key, in the order first seen.</summary>
    private sealed class Listing
    {
        private readonly Dictionary<string, Unpinned> byKey = new(StringComparer.Ordinal);

        public List<Unpinned> Packages { get; } = [];

        public Unpinned Add(string key, PackageKind kind, IEnumerable<PackageRequest> requests)
        {
            if (!byKey.TryGetValue(key, out var package))
            {
                package = new Unpinned(key, kind);
                byKey[key] = package;
                Packages.Add(package);
            }

            package.Requests.AddRange(requests);
            return package;
        }
    }

    /// <summary>The packages to install, each pinned and fetched, in the order dbt writes them in package-lock.yml;
    /// null after errors (added to <paramref name="diagnostics"/>). With <paramref name="transitive"/> false (installing
    /// from package-lock.yml, which already lists every package) the packages' own packages.yml are not read.</summary>
    public List<(PinnedPackage Pin, FetchedPackage Package)>? Resolve(IEnumerable<PackageRequest> requests, bool transitive, DiagnosticBag diagnostics)
    {
        var final = new Listing();
        var pending = new Listing();
        foreach (var request in requests)
        {
            pending.Add(Key(request), request.Spec.Kind, [request]);
        }

        var failed = new HashSet<string>(StringComparer.Ordinal);
        var followed = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Packages.Count > 0)
        {
            var next = new Listing();
            foreach (var package in pending.Packages)
            {
                var merged = final.Add(package.Key, package.Kind, package.Requests);
                if (failed.Contains(merged.Key) || Attempt(merged, diagnostics, failed) is not { } chosen)
                {
                    continue;
                }

                // A pin already followed lists the same packages again; following it once keeps cycles finite.
                if (!transitive || !followed.Add(chosen.Pin.Identity))
                {
                    continue;
                }

                try
                {
                    foreach (var dependency in Dependencies(chosen.Pin, chosen.Package, merged.First.Span))
                    {
                        next.Add(Key(dependency), dependency.Spec.Kind, [dependency]);
                    }
                }
                catch (PackageInstallException ex)
                {
                    failed.Add(merged.Key);
                    diagnostics.Error(DiagnosticCodes.DepsFailed, $"cannot install {merged.First.Spec.Display}: {ex.Message}", merged.First.Span);
                }
            }

            pending = next;
        }

        var result = new List<(PinnedPackage, FetchedPackage)>();
        foreach (var package in final.Packages.Where(p => !failed.Contains(p.Key)))
        {
            if (Attempt(package, diagnostics, failed) is { } chosen)
            {
                result.Add(chosen);
            }
        }

        if (failed.Count > 0)
        {
            return null;
        }

        CheckNames(result, diagnostics);
        return diagnostics.HasErrors ? null : result;
    }

    private (PinnedPackage Pin, FetchedPackage Package)? Attempt(Unpinned package, DiagnosticBag diagnostics, HashSet<string> failed)
    {
        try
        {
            var pin = Pin(package);
            return (pin, installation.Fetch(pin));
        }
        catch (PackageInstallException ex)
        {
            failed.Add(package.Key);
            diagnostics.Error(DiagnosticCodes.DepsFailed, $"cannot install {package.First.Spec.Display}: {ex.Message}{Advice(package.Kind)}", package.First.Span);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failed.Add(package.Key);
            diagnostics.Error(DiagnosticCodes.DepsFailed, $"cannot install {package.First.Spec.Display}: {ex.Message}", package.First.Span);
            return null;
        }
    }

    private static string Advice(PackageKind kind) => kind switch
    {
        PackageKind.Local => string.Empty,
        PackageKind.Git => ". Without network access, clone the repository where it can be reached and use its path: `- git: /path/to/clone` (or file://...), or `- local: /path/to/the/package`",
        _ => ". Without network access, put a copy of the package on this machine and replace the entry with `- local: /path/to/the/package`",
    };

    /// <summary>Which entries name the same package: a hub package by name, a git repository (with or without its
    /// <c>.git</c> suffix) and subdirectory, a local folder by its full path, a tarball by URL.</summary>
    private static string Key(PackageRequest request)
    {
        var spec = request.Spec;
        return spec.Kind switch
        {
            PackageKind.Local => "local:" + Path.GetFullPath(spec.Source, request.BaseDir),
            PackageKind.Git => "git:" + (spec.Source.EndsWith(".git", StringComparison.Ordinal) ? spec.Source[..^4] : spec.Source) + "|" + spec.Subdirectory,
            PackageKind.Hub => "hub:" + spec.Source,
            _ => "tarball:" + spec.Source,
        };
    }

    private PinnedPackage Pin(Unpinned package)
    {
        var first = package.First;
        var pin = new PinnedPackage(package.Kind, first.Spec.Source, first.BaseDir, first.Span);
        switch (package.Kind)
        {
            case PackageKind.Git:
                var revisions = package.Requests.Select(r => r.Spec.Revision ?? "HEAD").Distinct(StringComparer.Ordinal).ToList();
                if (revisions.Count > 1)
                {
                    throw new PackageInstallException($"git dependencies should contain exactly one version. {first.Spec.Source} contains: {string.Join(", ", revisions)} ({Askers(package, r => r.Spec.Revision ?? "HEAD")})");
                }

                return pin with { Revision = first.Spec.Revision, Subdirectory = first.Spec.Subdirectory, WarnUnpinned = first.Spec.Raw.GetValueOrDefault("warn-unpinned") is not false };
            case PackageKind.Hub:
                return PinHub(package, pin);
            case PackageKind.Tarball:
                return pin with { Name = first.Spec.Name };
            default:
                return pin;
        }
    }

    private PinnedPackage PinHub(Unpinned package, PinnedPackage pin)
    {
        var specifiers = new List<VersionSpecifier>();
        foreach (var request in package.Requests)
        {
            foreach (var text in request.Spec.Versions)
            {
                specifiers.Add(VersionSpecifier.TryParse(text)
                    ?? throw new PackageInstallException($"\"{text}\" is not a valid semantic version (asked for by {request.RequiredBy}; write MAJOR.MINOR.PATCH, optionally after >=, >, <=, < or =)"));
            }
        }

        var range = VersionRange.Reduce(specifiers)
            ?? throw new PackageInstallException($"Version error for package {pin.Source}: Could not find a satisfactory version from options: [{string.Join(", ", specifiers.Select(s => $"'{s}'"))}] ({Askers(package, r => VersionsText(r.Spec.Versions))})");
        if (!hub.TryGetValue(pin.Source, out var listed))
        {
            listed = HubClient.Read(hubUrl, pin.Source, cancellationToken);
            hub[pin.Source] = listed;
        }

        var compatible = listed.Versions.Where(v => v.RequireDbtVersion.Count == 0 || RequiresThisDbt(v)).ToList();
        var prerelease = package.First.Spec.Raw.GetValueOrDefault("install-prerelease") is true || specifiers.Any(s => s.Version.IsPrerelease);
        var installable = compatible.Where(v => prerelease || !v.Version.IsPrerelease).OrderBy(v => v.Version).ToList();
        var chosen = installable.LastOrDefault(v => range.Allows(v.Version));
        if (chosen is null)
        {
            var hidden = listed.Versions.Count - compatible.Count;
            throw new PackageInstallException(
                $"Could not find a matching compatible version for package {pin.Source}: requested range {range}, compatible versions [{string.Join(", ", installable.Select(v => $"'{v.Text}'"))}]"
                + (hidden > 0 ? $" (not shown: {hidden} version(s) whose require-dbt-version excludes dbt {DbtVersion})" : string.Empty)
                + $" ({Askers(package, r => VersionsText(r.Spec.Versions))})");
        }

        return pin with { Version = chosen, Latest = installable[^1].Text, Name = listed.Name };
    }

    private static bool RequiresThisDbt(HubVersion version)
    {
        // A requirement that is not a version is not held against the package.
        var parts = version.RequireDbtVersion.Select(VersionSpecifier.TryParse).ToList();
        return parts.Any(p => p is null) || (VersionRange.Reduce(parts.OfType<VersionSpecifier>()) is { } range && range.Allows(DbtVersion));
    }

    private static string VersionsText(IReadOnlyList<string> versions) =>
        versions.Count == 1 ? versions[0] : "[" + string.Join(", ", versions) + "]";

    /// <summary>Who asks for what: <c>packages.yml line 3 asks for [&gt;=1.0.0, &lt;2.0.0]; calogica/dbt_date 0.10.0 ... asks for ...</c>.</summary>
    private static string Askers(Unpinned package, Func<PackageRequest, string> asked) =>
        string.Join("; ", package.Requests.Select(r => $"{r.RequiredBy} asks for {asked(r)}").Distinct(StringComparer.Ordinal));

    /// <summary>The entries of the chosen package's own packages.yml (or dependencies.yml), rendered as the root's are;
    /// relative local paths start from the package's folder.</summary>
    private IEnumerable<PackageRequest> Dependencies(PinnedPackage pin, FetchedPackage package, SourceSpan rootSpan)
    {
        var bag = new DiagnosticBag();
        var read = PackagesFile.Read(package.Folder, bag, render);
        if (bag.Items.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
        {
            throw new PackageInstallException($"{pin.Display}: {error.Span.File} line {error.Span.Line}: {error.Message}");
        }

        if (read is not { File: { } file } found)
        {
            return [];
        }

        return found.Specs.Select(s => new PackageRequest(s, package.Folder, $"{pin.Display} ({file} line {s.Span.Line.ToString(CultureInfo.InvariantCulture)})", rootSpan)).ToList();
    }

    /// <summary>dbt's duplicate-name checks: two packages with one project name, or one named as the root project.</summary>
    private void CheckNames(List<(PinnedPackage Pin, FetchedPackage Package)> chosen, DiagnosticBag diagnostics)
    {
        var seen = new Dictionary<string, PinnedPackage>(StringComparer.Ordinal);
        foreach (var (pin, package) in chosen)
        {
            if (package.Name == rootProjectName)
            {
                diagnostics.Error(DiagnosticCodes.DepsFailed, $"Found a dependency with the same name as the root project \"{package.Name}\" ({pin.Display}). Package names must be unique in a project. Please rename one of these packages.", pin.Span);
            }
            else if (seen.TryGetValue(package.Name, out var other))
            {
                diagnostics.Error(DiagnosticCodes.DepsFailed, $"Found duplicate project \"{package.Name}\" ({other.Display} and {pin.Display}). This occurs when a dependency has the same project name as some other dependency.", pin.Span);
            }
            else
            {
                seen[package.Name] = pin;
            }
        }
    }
}
