using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Packages;

/// <summary>Installed packages load as projects of their own and build with the root project (tests/fixtures/packages).</summary>
public sealed class PackageLoadingTests : IDisposable
{
    private readonly PackageFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    private LoadedProject Load()
    {
        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = fixture.ProjectDir, ProfilesDir = fixture.ProjectDir, Environment = new Dictionary<string, string>() });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(fixture.ProjectDir))));
        return result.Project!;
    }

    [Fact]
    public void Load_PackageNodes_HavePackageIdsPathsAndFqn()
    {
        var manifest = Load().Manifest;

        var model = manifest.Nodes["model.helper_pkg.helper_amounts"];
        Assert.Equal("helper_pkg", model.PackageName);
        Assert.Equal("models/staging/helper_amounts.sql", model.OriginalFilePath);
        Assert.Equal("dbt_packages/helper_pkg", model.PackagePath);
        Assert.Equal(["helper_pkg", "staging", "helper_amounts"], model.Fqn);
        Assert.Equal("Amounts from the package's seed.", model.Description);
        Assert.Equal("helper_pkg://models/schema.yml", model.PatchPath);
        Assert.True(manifest.Nodes.ContainsKey("seed.helper_pkg.helper_seed"));
        Assert.True(manifest.Sources.ContainsKey("source.helper_pkg.helper_src.raw_amounts"));
        Assert.Equal("helper_pkg", manifest.Macros["macro.helper_pkg.decorate"].PackageName);
        Assert.Contains(manifest.Nodes.Values, n => n.UniqueId.StartsWith("test.helper_pkg.is_positive_helper_amounts_amount.", StringComparison.Ordinal));
        Assert.Contains(manifest.Nodes.Values, n => n.UniqueId.StartsWith("test.pkg_root.helper_pkg_is_positive_uses_package_amount.", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RootProjectConfig_WinsOverThePackagesOwn()
    {
        var model = Load().Manifest.Nodes["model.helper_pkg.helper_amounts"];

        Assert.Equal("table", model.Config.Materialized);
        Assert.Contains("from_root_config", model.Config.Tags);
    }

    [Fact]
    public void Load_RefWithPackage_DependsOnThePackageModel()
    {
        var manifest = Load().Manifest;

        Assert.Contains("model.helper_pkg.helper_amounts", manifest.Nodes["model.pkg_root.uses_package"].DependsOnNodes);
        Assert.Contains("seed.helper_pkg.helper_seed", manifest.Nodes["model.pkg_root.uses_package_unqualified"].DependsOnNodes);
        Assert.Contains("source.helper_pkg.helper_src.raw_amounts", manifest.Nodes["model.helper_pkg.helper_source_model"].DependsOnNodes);
    }

    [Fact]
    public void Load_RefToAPackageThatHasNoSuchModel_IsAnError()
    {
        File.WriteAllText(Path.Combine(fixture.ProjectDir, "models", "bad_ref.sql"), "select * from {{ ref('helper_pkg', 'uses_package') }}");

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = fixture.ProjectDir, ProfilesDir = fixture.ProjectDir, Environment = new Dictionary<string, string>() });

        var error = Assert.Single(result.Diagnostics, d => d.Code == "DBT200");
        Assert.Contains("'uses_package'", error.Message, StringComparison.Ordinal);
        Assert.Equal("models/bad_ref.sql", error.Span.File);
    }

    [Fact]
    public void Load_PackagesYmlListsMoreThanInstalled_AsksForDeps()
    {
        Directory.Delete(Path.Combine(fixture.ProjectDir, "dbt_packages"), recursive: true);

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = fixture.ProjectDir, ProfilesDir = fixture.ProjectDir, Environment = new Dictionary<string, string>() });

        Assert.False(result.Success);
        var error = Assert.Single(result.Diagnostics, d => d.Code == "DBT170");
        Assert.Contains("1 package(s) specified in packages.yml, but only 0 package(s) installed in dbt_packages", error.Message, StringComparison.Ordinal);
        Assert.Contains("wellhouse deps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithoutProfileAndPackagesNotInstalled_WarnsAndLoadsTheRest()
    {
        Directory.Delete(Path.Combine(fixture.ProjectDir, "dbt_packages"), recursive: true);
        File.Delete(Path.Combine(fixture.ProjectDir, "models", "uses_package.sql"));
        File.Delete(Path.Combine(fixture.ProjectDir, "models", "uses_package_unqualified.sql"));
        File.Delete(Path.Combine(fixture.ProjectDir, "models", "schema.yml"));

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = fixture.ProjectDir, WithoutProfile = true, Environment = new Dictionary<string, string>() });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format(fixture.ProjectDir))));
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(result.Diagnostics, d => d.Code == "DBT170").Severity);
    }

    [Fact]
    public void Load_NamespacedTestOfAMissingPackage_NamesThePackage()
    {
        File.WriteAllText(Path.Combine(fixture.ProjectDir, "models", "more.yml"), "version: 2\nmodels:\n  - name: uses_package_unqualified\n    data_tests:\n      - other_pkg.anything\n");

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = fixture.ProjectDir, ProfilesDir = fixture.ProjectDir, Environment = new Dictionary<string, string>() });

        var error = Assert.Single(result.Diagnostics, d => d.Code == "DBT205");
        Assert.Contains("package 'other_pkg', which is not installed (installed: helper_pkg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_PackageAndRootNodes_AllPassWithPackageScoping()
    {
        var report = await fixture.RunAsync();

        Assert.True(report.Success, string.Join("\n", report.FormatProblems().Concat(fixture.Log)));
        var results = report.Outcome!.Results;
        Assert.Equal(4, results.Count(r => r.Node.ResourceType == ResourceType.Test));
        Assert.All(results, r => Assert.Contains(r.Status, new[] { NodeStatus.Success, NodeStatus.Pass }));

        // The package's model: its vars (root's package block wins, the package's own default otherwise), its own wrap().
        var package = fixture.Query("select word, package_var, decorated from main.helper_amounts limit 1");
        Assert.Equal(["hello_from_root", "package_default", "[y]"], package[0]);
        Assert.Equal("BASE TABLE", fixture.Query("select table_type from information_schema.tables where table_name = 'helper_amounts'")[0][0]);

        // The root model: root overrides wrap() for package macros, unqualified calls inside the package, dispatch order.
        var root = fixture.Query("select decorated, shouted, greeting, shared_var from main.uses_package limit 1");
        Assert.Equal(["<x>", "QUIET!", "root greeting", "from_root"], root[0]);
        Assert.Equal(3L, fixture.Query("select n from main.uses_package_unqualified")[0][0]);
        Assert.Equal(3L, fixture.Query("select count(*) from main.helper_source_model")[0][0]);
        Assert.True(File.Exists(Path.Combine(fixture.ProjectDir, "target", "compiled", "helper_pkg", "models", "staging", "helper_amounts.sql")));
    }
}
