using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Wellhouse.Transform.Project.Packages;

namespace Wellhouse.Transform.Tests.Packages;

/// <summary><c>deps</c>: local, git (a bare repository made here with git) and hub packages (a hub served on loopback), package-lock.yml.</summary>
public sealed class DepsTests : IDisposable
{
    private readonly PackageFixture fixture = new(install: false);
    private readonly List<string> log = [];

    public void Dispose() => fixture.Dispose();

    private DepsReport Deps(bool upgrade = false, bool lockOnly = false, string? hubUrl = null) =>
        DepsInstaller.Run(new DepsOptions { ProjectDir = fixture.ProjectDir, Environment = new Dictionary<string, string>(), Upgrade = upgrade, LockOnly = lockOnly, HubUrl = hubUrl, Log = log.Add }, TestContext.Current.CancellationToken);

    private void WritePackages(string yaml) => File.WriteAllText(Path.Combine(fixture.ProjectDir, "packages.yml"), yaml);

    private string InstalledFile(string relative) => Path.Combine(fixture.ProjectDir, "dbt_packages", "helper_pkg", relative);

    private string LockText => File.ReadAllText(Path.Combine(fixture.ProjectDir, "package-lock.yml"));

    [Fact]
    public void Hash_LocalEntry_IsDbtsSha1()
    {
        // dbt-utils' integration_tests/package-lock.yml, written by dbt for `- local: ../`.
        var spec = new PackageSpec { Kind = PackageKind.Local, Source = "../", Raw = new Dictionary<string, object?> { ["local"] = "../" }, Span = default };

        Assert.Equal("de2deba3d66ce03d8c02949013650cc9b94f6030", PackageLock.Hash([spec]));
    }

    [Fact]
    public void Hash_HubEntries_IsDbtsSha1_WithInstallPrereleaseFalse()
    {
        // The sha1_hash dbt wrote in a public project's package-lock.yml for these three hub entries.
        PackageSpec Hub(string name, string version) =>
            new() { Kind = PackageKind.Hub, Source = name, Raw = new Dictionary<string, object?> { ["package"] = name, ["version"] = version }, Span = default };

        Assert.Equal("8a3ad36332540fe7cf61ea9ec4e051eb57f40cd2", PackageLock.Hash([Hub("dbt-labs/dbt_utils", "1.2.0"), Hub("calogica/dbt_expectations", "0.10.3")]));
    }

    [Fact]
    public void Hash_HubAndGitEntries_IsDbtsSha1_WithTheGitDataclassNulls()
    {
        // dbt-labs/jaffle-shop's package-lock.yml (commit c5c2dbd), written by dbt for these entries.
        PackageSpec Hub(string name, string version) =>
            new() { Kind = PackageKind.Hub, Source = name, Raw = new Dictionary<string, object?> { ["package"] = name, ["version"] = version }, Span = default };
        const string Url = "https://github.com/dbt-labs/dbt-audit-helper.git";
        var git = new PackageSpec { Kind = PackageKind.Git, Source = Url, Raw = new Dictionary<string, object?> { ["git"] = Url, ["revision"] = "main" }, Span = default };

        Assert.Equal("f2a73967505955af30d18f70489a423fd47cdf79", PackageLock.Hash([Hub("dbt-labs/dbt_utils", "1.1.1"), Hub("godatadriven/dbt_date", "0.10.0"), git]));
    }

    [Fact]
    public async Task Deps_LocalPackage_LinksItWritesTheLockAndTheProjectBuilds()
    {
        var report = Deps();

        Assert.True(report.Success, string.Join("\n", report.Diagnostics.Select(d => d.Message)));
        var installed = new DirectoryInfo(Path.Combine(fixture.ProjectDir, "dbt_packages", "helper_pkg"));
        Assert.Equal(Path.Combine(fixture.Root, "helper_pkg"), installed.LinkTarget);
        Assert.Equal("packages:\n  - local: ../helper_pkg\nsha1_hash: 016cc07c7e934f0c8b6bd5436223eee46e915307\n", LockText);
        Assert.Contains("Installed from <local @ ../helper_pkg>", log);

        var build = await fixture.RunAsync();
        Assert.True(build.Success, string.Join("\n", build.FormatProblems().Concat(fixture.Log)));
    }

    [Fact]
    public void Deps_LockMatches_InstallsFromItWithoutRewritingIt()
    {
        Assert.True(Deps().Success);
        File.WriteAllText(Path.Combine(fixture.ProjectDir, "package-lock.yml"), LockText.Replace("packages:", "# kept\npackages:", StringComparison.Ordinal));
        log.Clear();

        Assert.True(Deps().Success);

        Assert.StartsWith("# kept", LockText, StringComparison.Ordinal);
        Assert.DoesNotContain(log, l => l.StartsWith("Updating lock file", StringComparison.Ordinal));
        Assert.True(Deps(upgrade: true).Success);
        Assert.DoesNotContain("# kept", LockText, StringComparison.Ordinal);
    }

    [Fact]
    public void Deps_GitPackage_ChecksOutTheRevisionAndSubdirectoryAndPinsTheCommit()
    {
        var repo = MakeGitRepository(out var firstCommit);
        WritePackages($"packages:\n  - git: file://{repo}\n    revision: v1\n    subdirectory: packages/helper\n");

        var report = Deps();

        Assert.True(report.Success, string.Join("\n", report.Diagnostics.Select(d => d.Message)));
        Assert.Contains("revision: v1 version", File.ReadAllText(InstalledFile("macros/wrap.sql")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(InstalledFile(".git")));
        Assert.Contains($"  - git: \"file://{repo}\"\n    revision: {firstCommit}\n    subdirectory: packages/helper\n    name: helper_pkg\n", LockText, StringComparison.Ordinal);
    }

    [Fact]
    public void Deps_GitPackageWithoutRevision_WarnsThatItFollowsTheDefaultBranchUnlessWarnUnpinnedIsFalse()
    {
        var repo = MakeGitRepository(out _);
        WritePackages($"packages:\n  - git: file://{repo}\n    subdirectory: packages/helper\n");

        Assert.True(Deps().Success);
        Assert.Contains(log, l => l.StartsWith($"Warning: The git package \"file://{repo}\" is not pinned, using HEAD (default branch).", StringComparison.Ordinal));
        Assert.Contains("later", File.ReadAllText(InstalledFile("macros/wrap.sql")), StringComparison.Ordinal);

        log.Clear();
        WritePackages($"packages:\n  - git: file://{repo}\n    subdirectory: packages/helper\n    warn-unpinned: false\n");
        Assert.True(Deps().Success);
        Assert.DoesNotContain(log, l => l.Contains("is not pinned", StringComparison.Ordinal));
    }

    [Fact]
    public void Deps_GitRepositoryMissing_NamesThePackageAndTheLocalAlternative()
    {
        WritePackages($"packages:\n  - git: file://{fixture.Root}/no-such-repo.git\n");

        var report = Deps();

        var error = Assert.Single(report.Diagnostics);
        Assert.Equal("DBT171", error.Code);
        Assert.Contains("cannot install git: file://", error.Message, StringComparison.Ordinal);
        Assert.Contains("`- local: /path/to/the/package`", error.Message, StringComparison.Ordinal);
        Assert.Equal(("packages.yml", 2), (error.Span.File, error.Span.Line));
    }

    [Fact]
    public void Deps_HubUnreachable_FailsWithoutTouchingInstalledPackagesOrTheLocalSource()
    {
        Assert.True(Deps().Success);
        WritePackages("packages:\n  - local: ../helper_pkg\n  - package: some-org/some_pkg\n    version: 1.0.0\n");

        var report = Deps(hubUrl: "http://127.0.0.1:" + FreePort() + "/");

        var error = Assert.Single(report.Diagnostics);
        Assert.Contains("cannot install package: some-org/some_pkg: cannot reach http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("replace the entry with `- local: /path/to/the/package`", error.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(fixture.Root, "helper_pkg", "macros", "wrap.sql")));
        Assert.True(File.Exists(InstalledFile("macros/wrap.sql")));
        Assert.Contains("sha1_hash: 016cc07c7e934f0c8b6bd5436223eee46e915307", LockText, StringComparison.Ordinal);
        Assert.Single(Directory.EnumerateFileSystemEntries(Path.Combine(fixture.ProjectDir, "dbt_packages")));
    }

    [Fact]
    public async Task Deps_HubPackage_InstallsTheNewestVersionInRangeFromALoopbackHub()
    {
        var tarball = MakeTarball();
        using var listener = new HttpListener();
        var port = FreePort();
        var hub = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(hub);
        listener.Start();
        var index = "{\"name\": \"helper_pkg\", \"namespace\": \"fixtures\", \"latest\": \"2.0.0\", \"versions\": {"
            + string.Join(", ", new[] { "0.9.0", "1.2.0", "1.3.0-rc1", "2.0.0" }.Select(v => $"\"{v}\": {{\"name\": \"helper_pkg\", \"version\": \"{v}\", \"downloads\": {{\"tarball\": \"{hub}tarballs/{v}.tar.gz\"}}}}"))
            + "}}";
        var served = new List<string>();
        var server = Task.Run(async () =>
        {
            while (served.Count < 2)
            {
                var context = await listener.GetContextAsync();
                served.Add(context.Request.Url!.AbsolutePath);
                var body = context.Request.Url.AbsolutePath == "/api/v1/fixtures/helper_pkg.json" ? Encoding.UTF8.GetBytes(index) : tarball;
                await context.Response.OutputStream.WriteAsync(body, TestContext.Current.CancellationToken);
                context.Response.Close();
            }
        }, TestContext.Current.CancellationToken);
        WritePackages("packages:\n  - package: fixtures/helper_pkg\n    version: [\">=1.0.0\", \"<2.0.0\"]\n");

        var report = Deps(hubUrl: hub);
        await server.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", report.Diagnostics.Select(d => d.Message)));
        Assert.Equal(["/api/v1/fixtures/helper_pkg.json", "/tarballs/1.2.0.tar.gz"], served);
        Assert.True(File.Exists(InstalledFile("macros/wrap.sql")));
        Assert.Contains("  - package: fixtures/helper_pkg\n    version: 1.2.0\n    name: helper_pkg\n", LockText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deps_TarballPackage_InstallsFromAUrlAndPinsItAndAWrongNameIsAnError()
    {
        var tarball = MakeTarball();
        using var listener = new HttpListener();
        var url = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(url);
        listener.Start();
        var server = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var context = await listener.GetContextAsync();
                await context.Response.OutputStream.WriteAsync(tarball, TestContext.Current.CancellationToken);
                context.Response.Close();
            }
        }, TestContext.Current.CancellationToken);
        WritePackages($"packages:\n  - tarball: {url}helper.tar.gz\n    name: helper_pkg\n");

        var report = Deps();

        Assert.True(report.Success, string.Join("\n", report.Diagnostics.Select(d => d.Message)));
        Assert.True(File.Exists(InstalledFile("macros/wrap.sql")));
        Assert.Contains($"  - tarball: \"{url}helper.tar.gz\"\n    name: helper_pkg\n", LockText, StringComparison.Ordinal);

        WritePackages($"packages:\n  - tarball: {url}helper.tar.gz\n    name: other_name\n");
        var wrong = Deps(upgrade: true);
        await server.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.False(wrong.Success);
        Assert.Contains(wrong.Diagnostics, d => d.Message.Contains("names the package 'helper_pkg', not 'other_name'", StringComparison.Ordinal));
    }

    [Fact]
    public void Deps_NoPackages_WarnsAndSucceeds()
    {
        File.Delete(Path.Combine(fixture.ProjectDir, "packages.yml"));

        Assert.True(Deps().Success);
        Assert.Contains("Warning: No packages were found in packages.yml", log);
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    /// <summary>A .tar.gz of helper_pkg under one top folder, as the hub's GitHub tarballs are.</summary>
    private byte[] MakeTarball()
    {
        var staging = Path.Combine(fixture.Root, "tarball");
        PackageFixture.CopyTree(Path.Combine(fixture.Root, "helper_pkg"), Path.Combine(staging, "helper-pkg-1.2.0"));
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            TarFile.CreateFromDirectory(staging, gzip, includeBaseDirectory: false);
        }

        return memory.ToArray();
    }

    /// <summary>A bare repository holding helper_pkg under packages/helper: tag v1, then a later commit on the branch.</summary>
    private string MakeGitRepository(out string firstCommit)
    {
        var work = Path.Combine(fixture.Root, "git-work");
        PackageFixture.CopyTree(Path.Combine(fixture.Root, "helper_pkg"), Path.Combine(work, "packages", "helper"));
        var wrap = Path.Combine(work, "packages", "helper", "macros", "wrap.sql");
        File.AppendAllText(wrap, "{# revision: v1 version #}\n");
        Git(work, "init", "--quiet");
        Git(work, "add", ".");
        Git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "v1");
        Git(work, "tag", "v1");
        firstCommit = Git(work, "rev-parse", "HEAD").Trim();
        File.WriteAllText(wrap, File.ReadAllText(wrap).Replace("revision: v1 version", "later", StringComparison.Ordinal));
        Git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-am", "later");
        var bare = Path.Combine(fixture.Root, "helper.git");
        Git(fixture.Root, "clone", "--quiet", "--bare", work, bare);
        return bare;
    }

    private static string Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
        return output;
    }
}
