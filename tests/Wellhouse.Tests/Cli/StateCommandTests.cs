using Wellhouse.Testing;

namespace Wellhouse.Tests.Cli;

public sealed class StateCommandTests
{
    [Fact]
    public async Task Build_StateModifiedPlus_BuildsOnlyChangedMacroUsersAndDownstream()
    {
        using var project = new FixtureProject("state/project");
        Assert.Equal(0, await project.RunAsync("build"));
        var prod = Path.Combine(project.Directory, "prod");
        Directory.CreateDirectory(prod);
        File.Copy(Path.Combine(project.Directory, "target", "manifest.json"), Path.Combine(prod, "manifest.json"));
        var macro = Path.Combine(project.Directory, "macros", "cents.sql");
        File.WriteAllText(macro, File.ReadAllText(macro).Replace("/ 100.0", "/ 10.0", StringComparison.Ordinal));
        project.Output.GetStringBuilder().Clear();

        var exit = await project.RunAsync("build", "-s", "state:modified+", "--state", prod);

        var output = project.Output.ToString();
        Assert.True(exit == 0, output + project.Error);
        Assert.Contains("OK created sql table model main.payments", output);
        Assert.Contains("OK created sql table model main.payment_totals", output);
        Assert.Contains("OK created sql table model main.report", output);
        Assert.DoesNotContain("main.calendar", output);
        Assert.DoesNotContain("seed file", output);
        Assert.Equal(264.9, Convert.ToDouble(DuckDbReader.Scalar(project.DatabasePath("dev.duckdb"), "select total from main.report")), precision: 6);
    }

    [Fact]
    public async Task Build_StateFolderWithoutManifest_ExitTwoWithMessage()
    {
        using var project = new FixtureProject("state/project");
        var prod = Path.Combine(project.Directory, "prod");
        Directory.CreateDirectory(prod);

        var exit = await project.RunAsync("build", "-s", "state:modified", "--state", prod);

        Assert.Equal(2, exit);
        Assert.Contains($"error DBT210: --state '{prod}' holds no manifest.json", project.Error.ToString());
    }

    [Fact]
    public async Task Ls_WarehouseStateModified_NothingWhenUnchanged_ExactlyTheEditedModelOrUnitTest()
    {
        using var project = FixtureProject.CopyOf(Path.Combine(FixtureProject.RepoRoot(), "warehouse"));
        Assert.Equal(0, await project.RunAsync("parse"));
        var prod = Path.Combine(project.Directory, "prod");
        Directory.CreateDirectory(prod);
        File.Copy(Path.Combine(project.Directory, "target", "manifest.json"), Path.Combine(prod, "manifest.json"));

        var unchanged = await ListAsync(project, "state:modified state:new", prod);
        var revenue = Path.Combine(project.Directory, "models", "marts", "mart_revenue.sql");
        var revenueSql = File.ReadAllText(revenue);
        File.AppendAllText(revenue, "\n-- edited\n");
        var edited = await ListAsync(project, "state:modified", prod, "--resource-type", "model");
        File.WriteAllText(revenue, revenueSql);
        var unitTests = Path.Combine(project.Directory, "models", "marts", "_marts__unit_tests.yml");
        File.WriteAllText(unitTests, File.ReadAllText(unitTests).Replace("oil_revenue_usd: 160000.0, gas", "oil_revenue_usd: 160001.0, gas", StringComparison.Ordinal));
        var editedTest = await ListAsync(project, "state:modified", prod);

        Assert.Empty(unchanged);
        Assert.Equal(["mart_revenue"], edited);
        Assert.Equal(["revenue_per_stream_by_price_region"], editedTest);
    }

    private static async Task<string[]> ListAsync(FixtureProject project, string selector, string state, params string[] more)
    {
        project.Output.GetStringBuilder().Clear();
        var exit = await project.RunAsync("ls", ["-s", selector, "--state", state, "--output", "name", .. more]);
        Assert.True(exit == 0, project.Output.ToString() + project.Error);
        return project.Output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
