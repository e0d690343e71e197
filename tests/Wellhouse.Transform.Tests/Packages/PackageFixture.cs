namespace Wellhouse.Transform.Tests.Packages;

/// <summary>
/// A copy of tests/fixtures/packages (the root project and its package) in a temp folder, deleted on dispose. The
/// package is installed by copying it into project/dbt_packages/ unless a test installs it with deps.
/// </summary>
internal sealed class PackageFixture : TempProject
{
    public PackageFixture(bool install = true)
        : base("wellhouse-packages-", "project")
    {
        CopyTree(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "packages"), Root);
        if (install)
        {
            CopyTree(Path.Combine(Root, "helper_pkg"), Path.Combine(ProjectDir, "dbt_packages", "helper_pkg"));
        }
    }
}
