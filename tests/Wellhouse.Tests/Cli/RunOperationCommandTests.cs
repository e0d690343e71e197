namespace Wellhouse.Tests.Cli;

/// <summary><c>wellhouse run-operation</c>: a project macro called with YAML keyword arguments against the target
/// database; a failing macro, an unknown macro and bad arguments exit non-zero with a message, never a stack trace.</summary>
public sealed class RunOperationCommandTests
{
    [Fact]
    public async Task A_macro_runs_its_queries_with_the_given_arguments()
    {
        using var project = new FixtureProject("run/operations");

        var exit = await project.RunAsync("run-operation", "record_run", "--args", "{label: nightly, times: 3}");

        Assert.Equal(0, exit);
        Assert.Contains("recorded nightly 3 times", project.Output.ToString());
        Assert.Equal(3, Convert.ToInt32(DuckDbReader.Scalar(project.DatabasePath("dev.duckdb"), "select count(*) from ops where label = 'nightly'")));
    }

    [Fact]
    public async Task A_failing_macro_exits_one_with_the_database_error()
    {
        using var project = new FixtureProject("run/operations");

        var exit = await project.RunAsync("run-operation", "broken");

        Assert.Equal(1, exit);
        Assert.Contains("Encountered an error while running operation broken", project.Output.ToString());
        Assert.Contains("no_such_table", project.Output.ToString());
        Assert.DoesNotContain("   at ", project.Output.ToString() + project.Error);
    }

    [Theory]
    [InlineData("no_such_macro", null, "no macro named 'no_such_macro'")]
    [InlineData("record_run", "[1, 2]", "--args must be a YAML mapping")]
    public async Task A_wrong_macro_or_arguments_exit_two(string macro, string? args, string message)
    {
        using var project = new FixtureProject("run/operations");

        var exit = await project.RunAsync("run-operation", args is null ? [macro] : [macro, "--args", args]);

        Assert.Equal(2, exit);
        Assert.Contains(message, project.Error.ToString());
    }
}
