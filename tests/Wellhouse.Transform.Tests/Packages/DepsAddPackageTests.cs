using Wellhouse.Transform.Project;
using Wellhouse.Transform.Project.Packages;

namespace Wellhouse.Transform.Tests.Packages;

/// <summary><c>deps --add-package name@version --source hub|git|local</c> (dbt 1.8+): the entry dbt writes, duplicates
/// removed, packages.yml created when missing, and the package installed by the same run.</summary>
public sealed class DepsAddPackageTests : IDisposable
{
    private readonly PackageFixture fixture = new(install: false);
    private readonly List<string> log = [];

    public void Dispose() => fixture.Dispose();

    private string PackagesYml => File.ReadAllText(Path.Combine(fixture.ProjectDir, "packages.yml"));

    private bool Add(string package, string source)
    {
        var diagnostics = new DiagnosticBag();
        var added = PackagesFileEditor.Add(fixture.ProjectDir, package, source, diagnostics, log.Add);
        Assert.Equal(added, !diagnostics.HasErrors);
        return added;
    }

    [Fact]
    public void Deps_AddLocalPackage_CreatesPackagesYmlAndInstallsIt()
    {
        File.Delete(Path.Combine(fixture.ProjectDir, "packages.yml"));

        var report = DepsInstaller.Run(new DepsOptions { ProjectDir = fixture.ProjectDir, Environment = new Dictionary<string, string>(), AddPackage = "../helper_pkg", Source = "local", Log = log.Add }, TestContext.Current.CancellationToken);

        Assert.True(report.Success, string.Join("\n", report.Diagnostics.Select(d => d.Message)));
        Assert.Equal("packages:\n  - local: ../helper_pkg\n", PackagesYml);
        Assert.Contains("Created packages.yml", log);
        Assert.Contains($"Added new package ../helper_pkg@None to {Path.Combine(fixture.ProjectDir, "packages.yml")}", log);
        Assert.True(File.Exists(Path.Combine(fixture.ProjectDir, "dbt_packages", "helper_pkg", "dbt_project.yml")));
        Assert.Contains("sha1_hash", File.ReadAllText(Path.Combine(fixture.ProjectDir, "package-lock.yml")), StringComparison.Ordinal);
    }

    [Fact]
    public void AddPackage_WritesDbtsEntriesAndReplacesAnEntryOfTheSamePackage()
    {
        File.WriteAllText(Path.Combine(fixture.ProjectDir, "packages.yml"), "packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.0\n  - local: ../helper_pkg\n");

        Assert.True(Add("dbt-labs/dbt_utils@>=1.0.0,<2.0.0", "hub"));
        Assert.True(Add("https://github.com/dbt-labs/dbt-audit-helper.git@0.12.0", "git"));
        Assert.True(Add("calogica/dbt_date@0.10", "hub"));

        Assert.Equal(
            "packages:\n"
            + "  - local: ../helper_pkg\n"
            + "  - package: dbt-labs/dbt_utils\n    version: [\">=1.0.0\", <2.0.0]\n"
            + "  - git: \"https://github.com/dbt-labs/dbt-audit-helper.git\"\n    revision: 0.12.0\n"
            + "  - package: calogica/dbt_date\n    version: \"0.10\"\n",
            PackagesYml);
        Assert.Contains("Found duplicate package in packages.yml, removing: {'package': 'dbt-labs/dbt_utils', 'version': '1.1.0'}", log);

        // What was written reads back as the same entries.
        var specs = PackagesFile.Read(fixture.ProjectDir, new DiagnosticBag(), (text, _) => text)!.Value.Specs;
        Assert.Equal(["../helper_pkg", "dbt-labs/dbt_utils", "https://github.com/dbt-labs/dbt-audit-helper.git", "calogica/dbt_date"], specs.Select(s => s.Source));
        Assert.Equal([">=1.0.0", "<2.0.0"], specs[1].Versions);
        Assert.Equal(["0.10"], specs[3].Versions);
    }

    [Fact]
    public void AddPackage_WithoutAVersion_IsDbtsErrorUnlessTheSourceIsLocal()
    {
        var diagnostics = new DiagnosticBag();

        Assert.False(PackagesFileEditor.Add(fixture.ProjectDir, "dbt-labs/dbt_utils", "hub", diagnostics, log.Add));
        Assert.Equal("Version is required in --add-package when a package when source is hub", Assert.Single(diagnostics.Items).Message);
        Assert.Equal("packages:\n  - local: ../helper_pkg\n", PackagesYml);
    }
}
