using System.Text.Json;
using Wellhouse.Testing;

namespace Wellhouse.Tests.Cli;

public sealed class RetryCommandTests
{
    [Fact]
    public async Task Retry_AfterFix_RerunsErroredAndSkippedWithSameCommandAndVars()
    {
        using var project = new FixtureProject("state/retry");
        Assert.Equal(1, await project.RunAsync("build", "--vars", "{factor: 3}", "--exclude", "independent"));
        Assert.Contains("Done. PASS=1 WARN=0 ERROR=1 SKIP=2 NO-OP=0 TOTAL=4", project.Output.ToString());
        Fix(project);
        project.Output.GetStringBuilder().Clear();

        var exit = await project.RunAsync("retry");

        var output = project.Output.ToString();
        Assert.True(exit == 0, output + project.Error);
        Assert.Contains("Retrying 3 nodes of the last build (error, fail or skipped).", output);
        Assert.Contains("OK created sql table model main.report", output);
        Assert.Contains("OK created sql table model main.downstream", output);
        Assert.Contains("PASS not_null_downstream_id", output);
        Assert.DoesNotContain("model main.base", output);
        Assert.Contains("Done. PASS=3 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3", output);
        var database = project.DatabasePath("dev.duckdb");
        Assert.Equal(30, Convert.ToInt32(DuckDbReader.Scalar(database, "select doubled from main.downstream")));
        Assert.Equal(0L, DuckDbReader.Scalar(database, "select count(*) from information_schema.tables where table_name = 'independent'"));
        using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "target", "run_results.json")));
        var args = results.RootElement.GetProperty("args");
        Assert.Equal("build", args.GetProperty("which").GetString());
        Assert.Equal(3, args.GetProperty("vars").GetProperty("factor").GetInt32());
        Assert.Equal(["independent"], args.GetProperty("exclude").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Retry_LastRunPassed_NothingToRetry()
    {
        using var project = new FixtureProject("state/retry");
        Assert.Equal(1, await project.RunAsync("run"));
        Fix(project);
        Assert.Equal(0, await project.RunAsync("retry"));
        project.Output.GetStringBuilder().Clear();

        var exit = await project.RunAsync("retry");

        Assert.Equal(0, exit);
        Assert.Contains("Nothing to retry: the last run had no errors, failures or skipped nodes.", project.Output.ToString());
    }

    [Fact]
    public async Task Retry_NoPreviousRun_ExitTwoWithMessage()
    {
        using var project = new FixtureProject("state/retry");

        var exit = await project.RunAsync("retry");

        Assert.Equal(2, exit);
        Assert.Contains("error DBT211: no run_results.json in", project.Error.ToString());
        Assert.Contains("there is no previous run to retry", project.Error.ToString());
    }

    private static void Fix(FixtureProject project)
    {
        var path = Path.Combine(project.Directory, "models", "report.sql");
        File.WriteAllText(path, File.ReadAllText(path).Replace("broken_column", "amount", StringComparison.Ordinal));
    }
}
