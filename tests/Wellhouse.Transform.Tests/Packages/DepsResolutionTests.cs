using Wellhouse.Transform.Project.Packages;

namespace Wellhouse.Transform.Tests.Packages;

/// <summary><c>deps</c> choosing hub versions as dbt does: ranges from every packages.yml in the tree intersected,
/// the newest version within them, conflicts and prereleases, against a hub served on loopback.</summary>
public sealed class DepsResolutionTests : IDisposable
{
    private readonly PackageFixture fixture = new(install: false);
    private readonly LoopbackHub hub = new();
    private readonly List<string> log = [];

    public void Dispose()
    {
        hub.Dispose();
        fixture.Dispose();
    }

    private DepsReport Deps(bool upgrade = false) =>
        DepsInstaller.Run(new DepsOptions { ProjectDir = fixture.ProjectDir, Environment = new Dictionary<string, string>(), Upgrade = upgrade, HubUrl = hub.Url, Log = log.Add }, TestContext.Current.CancellationToken);

    private void WritePackages(string yaml) => File.WriteAllText(Path.Combine(fixture.ProjectDir, "packages.yml"), yaml);

    private string PackagesDir => Path.Combine(fixture.ProjectDir, "dbt_packages");

    /// <summary>The version of an installed package, read from its dbt_project.yml.</summary>
    private string InstalledVersion(string name) =>
        File.ReadAllLines(Path.Combine(PackagesDir, name, "dbt_project.yml")).Single(l => l.StartsWith("version:", StringComparison.Ordinal))["version: ".Length..].Trim('"');

    private string LockText => File.ReadAllText(Path.Combine(fixture.ProjectDir, "package-lock.yml"));

    private static string Messages(DepsReport report) => string.Join("\n", report.Diagnostics.Select(d => d.Message));

    /// <summary>fixtures/utils in versions 1.0.0 to 2.0.0; fixtures/dates 1.0.0 lists utils with <paramref name="datesRange"/>.</summary>
    private void AddUtilsAndDates(string datesRange)
    {
        foreach (var version in new[] { "1.0.0", "1.1.0", "1.2.0", "1.2.1", "1.3.0", "2.0.0" })
        {
            hub.Add("fixtures/utils", version, "utils");
        }

        hub.Add("fixtures/dates", "1.0.0", "dates", $"packages:\n  - package: fixtures/utils\n    version: {datesRange}\n");
    }

    [Fact]
    public void A_range_listed_by_a_package_narrows_the_root_range_and_the_newest_version_within_both_is_installed()
    {
        AddUtilsAndDates("[\">=1.1.0\", \"<1.3.0\"]");
        WritePackages("packages:\n  - package: fixtures/utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n  - package: fixtures/dates\n    version: 1.0.0\n");

        var report = Deps();

        Assert.True(report.Success, Messages(report));
        // The root range alone would give 1.3.0; dates' range leaves 1.1.0-1.2.1.
        Assert.Equal("1.2.1", InstalledVersion("utils"));
        Assert.Equal("1.0.0", InstalledVersion("dates"));
        Assert.Equal(["dates", "utils"], Directory.EnumerateFileSystemEntries(PackagesDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("  - package: fixtures/utils\n    version: 1.2.1\n    name: utils\n  - package: fixtures/dates\n    version: 1.0.0\n    name: dates\n", LockText, StringComparison.Ordinal);
        Assert.Contains("  Updated version available: 2.0.0", log);
    }

    [Fact]
    public void A_package_only_a_dependency_lists_is_installed_at_the_newest_version_in_its_range()
    {
        AddUtilsAndDates("[\">=1.0.0\", \"<1.2.0\"]");
        WritePackages("packages:\n  - package: fixtures/dates\n    version: [\">=0.9.0\", \"<2.0.0\"]\n");

        var report = Deps();

        Assert.True(report.Success, Messages(report));
        Assert.Equal("1.1.0", InstalledVersion("utils"));
        Assert.Equal("1.0.0", InstalledVersion("dates"));
    }

    [Fact]
    public void Ranges_that_cannot_all_hold_are_an_error_naming_each_package_and_its_range_and_nothing_is_installed()
    {
        AddUtilsAndDates("\">=2.0.0\"");
        WritePackages("packages:\n  - package: fixtures/utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n  - package: fixtures/dates\n    version: 1.0.0\n");

        var report = Deps();

        var error = Assert.Single(report.Diagnostics);
        Assert.Equal("DBT171", error.Code);
        Assert.Equal(("packages.yml", 2), (error.Span.File, error.Span.Line));
        Assert.Contains("Version error for package fixtures/utils: Could not find a satisfactory version from options: ['>=1.0.0', '<2.0.0', '>=2.0.0']", error.Message, StringComparison.Ordinal);
        Assert.Contains("packages.yml line 2 asks for [>=1.0.0, <2.0.0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("fixtures/dates 1.0.0 (packages.yml line 2) asks for >=2.0.0", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PackagesDir) && Directory.EnumerateFileSystemEntries(PackagesDir).Any());
        Assert.False(File.Exists(Path.Combine(fixture.ProjectDir, "package-lock.yml")));
    }

    [Fact]
    public void An_exact_version_and_a_range_that_excludes_it_conflict()
    {
        AddUtilsAndDates("\"<1.2.0\"");
        WritePackages("packages:\n  - package: fixtures/utils\n    version: 1.2.0\n  - package: fixtures/dates\n    version: 1.0.0\n");

        var report = Deps();

        Assert.False(report.Success);
        Assert.Contains("options: ['=1.2.0', '<1.2.0']", Messages(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Prereleases_are_installed_only_when_asked_for()
    {
        hub.Add("fixtures/utils", "1.2.0", "utils").Add("fixtures/utils", "1.3.0-rc1", "utils");

        WritePackages("packages:\n  - package: fixtures/utils\n    version: \">=1.0.0\"\n");
        Assert.True(Deps().Success);
        Assert.Equal("1.2.0", InstalledVersion("utils"));

        WritePackages("packages:\n  - package: fixtures/utils\n    version: \">=1.0.0\"\n    install-prerelease: true\n");
        Assert.True(Deps().Success);
        Assert.Equal("1.3.0-rc1", InstalledVersion("utils"));

        WritePackages("packages:\n  - package: fixtures/utils\n    version: 1.3.0-rc1\n");
        Assert.True(Deps().Success);
        Assert.Equal("1.3.0-rc1", InstalledVersion("utils"));
    }

    [Fact]
    public void Versions_whose_require_dbt_version_excludes_this_dbt_are_not_chosen()
    {
        hub.Add("fixtures/utils", "1.2.0", "utils", requireDbt: [">=1.3.0", "<3.0.0"]).Add("fixtures/utils", "1.3.0", "utils", requireDbt: [">=9.0.0"]);
        WritePackages("packages:\n  - package: fixtures/utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n");

        var report = Deps();

        Assert.True(report.Success, Messages(report));
        Assert.Equal("1.2.0", InstalledVersion("utils"));
    }

    [Fact]
    public void Require_dbt_version_ranges_resolve_as_dbt_1_10()
    {
        // 1.2.0 is for dbt 1.9 only, 1.3.0 for 1.10 and later, 1.4.0 for 1.11 and later: dbt 1.10.8 takes 1.3.0.
        hub.Add("fixtures/utils", "1.2.0", "utils", requireDbt: [">=1.9.0", "<1.10.0"])
            .Add("fixtures/utils", "1.3.0", "utils", requireDbt: [">=1.10.0", "<2.0.0"])
            .Add("fixtures/utils", "1.4.0", "utils", requireDbt: [">=1.11.0"]);
        WritePackages("packages:\n  - package: fixtures/utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n");

        var report = Deps();

        Assert.True(report.Success, Messages(report));
        Assert.Equal("1.3.0", InstalledVersion("utils"));
    }

    [Fact]
    public void No_version_in_range_names_the_range_and_the_versions_there_are()
    {
        AddUtilsAndDates("\">=1.0.0\"");
        WritePackages("packages:\n  - package: fixtures/utils\n    version: \">=3.0.0\"\n");

        var error = Assert.Single(Deps().Diagnostics);

        Assert.Contains("Could not find a matching compatible version for package fixtures/utils: requested range >=3.0.0, compatible versions ['1.0.0', '1.1.0', '1.2.0', '1.2.1', '1.3.0', '2.0.0']", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_version_that_is_not_semantic_is_an_error_naming_it()
    {
        AddUtilsAndDates("\">=1.0.0\"");
        WritePackages("packages:\n  - package: fixtures/utils\n    version: 0.8\n");

        var error = Assert.Single(Deps().Diagnostics);

        Assert.Contains("\"0.8\" is not a valid semantic version (asked for by packages.yml line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_missing_from_the_hub_is_named()
    {
        WritePackages("packages:\n  - package: fixtures/nothing\n    version: 1.0.0\n");

        var error = Assert.Single(Deps().Diagnostics);

        Assert.Contains("Package fixtures/nothing was not found in the package index", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_packages_with_one_project_name_are_an_error_as_in_dbt()
    {
        hub.Add("fixtures/helper", "1.0.0", "helper_pkg");
        WritePackages("packages:\n  - local: ../helper_pkg\n  - package: fixtures/helper\n    version: 1.0.0\n");

        var error = Assert.Single(Deps().Diagnostics);

        Assert.Contains("Found duplicate project \"helper_pkg\" (local: ../helper_pkg and fixtures/helper 1.0.0)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Span.Line);
    }

    [Fact]
    public void From_a_matching_lock_the_pinned_versions_are_installed_without_resolving_again()
    {
        AddUtilsAndDates("[\">=1.1.0\", \"<1.3.0\"]");
        WritePackages("packages:\n  - package: fixtures/utils\n    version: [\">=1.0.0\", \"<2.0.0\"]\n  - package: fixtures/dates\n    version: 1.0.0\n");
        Assert.True(Deps().Success);
        hub.Add("fixtures/utils", "1.2.2", "utils");
        hub.Served.Clear();

        Assert.True(Deps().Success);
        Assert.Equal("1.2.1", InstalledVersion("utils"));
        Assert.DoesNotContain("/tarballs/fixtures/utils/1.3.0.tar.gz", hub.Served);

        Assert.True(Deps(upgrade: true).Success);
        Assert.Equal("1.2.2", InstalledVersion("utils"));
    }
}
