namespace Wellhouse.Tests.Cli;

/// <summary><c>wellhouse deps</c> from the command line, with the flags dbt's deps accepts.</summary>
public sealed class DepsCommandTests
{
    [Fact]
    public async Task Deps_accepts_the_profile_flags_dbt_accepts_and_installs_a_local_package()
    {
        using var fixture = new FixtureProject("packages");
        var project = Path.Combine(fixture.Directory, "project");

        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["deps", "--project-dir", project, "--profiles-dir", project, "--target", "dev"], fixture.Output, fixture.Error);

        Assert.True(exit == 0, fixture.Output.ToString() + fixture.Error);
        Assert.True(File.Exists(Path.Combine(project, "dbt_packages", "helper_pkg", "dbt_project.yml")));
    }

    [Fact]
    public async Task Deps_add_package_writes_the_entry_and_installs_it_and_a_hub_package_needs_a_version()
    {
        using var fixture = new FixtureProject("packages");
        var project = Path.Combine(fixture.Directory, "project");
        File.Delete(Path.Combine(project, "packages.yml"));

        var missingVersion = await Wellhouse.Cli.WellhouseCli.RunAsync(["deps", "--project-dir", project, "--add-package", "dbt-labs/dbt_utils"], fixture.Output, fixture.Error);
        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["deps", "--project-dir", project, "--add-package", "../helper_pkg", "--source", "local"], fixture.Output, fixture.Error);

        Assert.Equal(2, missingVersion);
        Assert.Contains("Version is required in --add-package when a package when source is hub", fixture.Error.ToString(), StringComparison.Ordinal);
        Assert.True(exit == 0, fixture.Output.ToString() + fixture.Error);
        Assert.Equal("packages:\n  - local: ../helper_pkg\n", File.ReadAllText(Path.Combine(project, "packages.yml")));
        Assert.True(File.Exists(Path.Combine(project, "dbt_packages", "helper_pkg", "dbt_project.yml")));
    }
}
