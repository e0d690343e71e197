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
}
