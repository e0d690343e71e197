using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.State;

public sealed class DbtRetryTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("wellhouse-retry-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Plan_ErrorFailSkipped_RetriesThoseWithRecordedFlags()
    {
        WriteResults("""
            {"results": [
              {"unique_id": "model.p.a", "status": "success"},
              {"unique_id": "model.p.b", "status": "error"},
              {"unique_id": "test.p.t", "status": "fail"},
              {"unique_id": "test.p.w", "status": "warn"},
              {"unique_id": "model.p.c", "status": "skipped"}
            ],
            "args": {"which": "build", "select": ["+c"], "exclude": [], "threads": 3, "full_refresh": true, "fail_fast": false, "vars": "{x: 1}", "target": "ci", "profiles_dir": null}}
            """);

        var plan = DbtRetry.Plan(new DbtRunOptions { ProjectDir = directory, Target = "dev" }, directory);

        var options = Assert.IsType<DbtRunOptions>(plan.Options);
        Assert.Equal(["model.p.b", "test.p.t", "model.p.c"], options.UniqueIds);
        Assert.Equal(DbtCommandKind.Build, options.Command);
        Assert.Equal(["+c"], options.Select);
        Assert.Equal(3, options.Threads);
        Assert.True(options.FullRefresh);
        Assert.Equal("{x: 1}", options.VarsYaml);
        Assert.Equal("dev", options.Target);
        Assert.Null(options.ProfilesDir);
        Assert.Equal("Retrying 3 nodes of the last build (error, fail or skipped).", plan.Message);
    }

    [Fact]
    public void Plan_OnlySuccessAndWarn_NothingToRetryExitZero()
    {
        WriteResults("""{"results": [{"unique_id": "model.p.a", "status": "success"}, {"unique_id": "test.p.w", "status": "warn"}], "args": {"which": "test"}}""");

        var plan = DbtRetry.Plan(new DbtRunOptions { ProjectDir = directory }, directory);

        Assert.Null(plan.Options);
        Assert.Equal(0, plan.ExitCode);
        Assert.Equal("Nothing to retry: the last test had no errors, failures or skipped nodes.", plan.Message);
    }

    [Fact]
    public void Plan_UnknownCommand_ExitTwo()
    {
        WriteResults("""{"results": [{"unique_id": "model.p.a", "status": "error"}], "args": {"which": "docs"}}""");

        var plan = DbtRetry.Plan(new DbtRunOptions { ProjectDir = directory }, directory);

        Assert.Null(plan.Options);
        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("the last command 'docs' cannot be retried", plan.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsDirectory_ProjectTargetPath_ReadFromProjectFile()
    {
        File.WriteAllText(Path.Combine(directory, "dbt_project.yml"), "name: p\ntarget-path: out\n");

        Assert.Equal(Path.Combine(directory, "out"), DbtRetry.ResultsDirectory(directory, null));
        Assert.Equal(Path.Combine(directory, "prod"), DbtRetry.ResultsDirectory(directory, "prod"));
    }

    private void WriteResults(string json) => File.WriteAllText(Path.Combine(directory, "run_results.json"), json);
}
