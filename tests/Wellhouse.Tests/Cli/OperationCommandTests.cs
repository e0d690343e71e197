using Wellhouse.Testing;

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

/// <summary><c>wellhouse show</c>: previews a model's rows or inline SQL (with ref) without building anything.</summary>
public sealed class ShowCommandTests
{
    [Fact]
    public async Task Show_previews_a_selected_model_and_inline_sql_with_a_limit()
    {
        using var project = new FixtureProject("run/operations");
        Directory.CreateDirectory(Path.Combine(project.Directory, "models"));
        File.WriteAllText(Path.Combine(project.Directory, "models", "numbers.sql"), "select range as n, 'w' || range as well from range(10)");
        Assert.Equal(0, await project.RunAsync("run"));

        Assert.Equal(0, await project.RunAsync("show", "-s", "numbers", "--limit", "2"));
        Assert.Equal(0, await project.RunAsync("show", "--inline", "select max(n) as top from {{ ref('numbers') }}"));

        var output = project.Output.ToString();
        Assert.Contains("Previewing node 'numbers':", output);
        Assert.Contains("| w1 ", output);
        Assert.DoesNotContain("| w2 ", output);
        Assert.Contains("Previewing node 'inline_query':", output);
        Assert.Matches(@"\| +9 +\|", output);
    }

    [Fact]
    public async Task Show_of_sql_that_fails_exits_one_with_the_database_error()
    {
        using var project = new FixtureProject("run/operations");

        Assert.Equal(1, await project.RunAsync("show", "--inline", "select * from no_such_table"));
        Assert.Contains("no_such_table", project.Output.ToString());
    }
}
