using Wellhouse.Cli;

namespace Wellhouse.Tests.Cli;

/// <summary>The command line's answers to mistakes: short, readable, pointing at the help (issue 16).</summary>
public sealed class CliUsabilityTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WellhouseCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task MisspelledVerb_ShortErrorWithDidYouMeanAndTheHelp()
    {
        var (exit, output, error) = await Run("biuld");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal(["wellhouse: unknown command 'biuld'; did you mean 'build'?", "Run 'wellhouse --help' for usage."],
            error.Trim().Split('\n'));
    }

    [Fact]
    public async Task MisspelledSubcommand_SuggestsWithinItsGroup()
    {
        var (exit, _, error) = await Run("decline", "fti");

        Assert.Equal(1, exit);
        Assert.Contains("wellhouse decline: unknown command 'fti'; did you mean 'fit'?", error, StringComparison.Ordinal);
        Assert.Contains("Run 'wellhouse decline --help' for usage.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThreadsNotANumber_SaysSoInWords()
    {
        var (exit, _, error) = await Run("build", "--threads", "abc");

        Assert.Equal(1, exit);
        Assert.Contains("wellhouse build: option '--threads': 'abc' is not a whole number", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerbFarFromAny_NoSuggestion()
    {
        var (exit, _, error) = await Run("frobnicate");

        Assert.Equal(1, exit);
        Assert.Equal(["wellhouse: unknown command 'frobnicate'", "Run 'wellhouse --help' for usage."], error.Trim().Split('\n'));
    }

    [Fact]
    public async Task SelectorMatchingNothing_WarnsAsDbt()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await project.RunAsync("compile", "-s", "nonexistent customers");

        Assert.Equal(0, exit);
        var output = project.Output.ToString();
        Assert.Contains("Warning: the selection criterion 'nonexistent' does not match any enabled nodes", output, StringComparison.Ordinal);
        Assert.DoesNotContain("criterion 'customers'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocsGenerate_SaysCompiledNotCreated()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await WellhouseCli.RunAsync(["docs", "generate", "--project-dir", project.Directory, "--profiles-dir", project.Directory],
            project.Output, project.Error, TestContext.Current.CancellationToken);

        Assert.Equal(0, exit);
        var output = project.Output.ToString();
        Assert.DoesNotContain("OK created", output, StringComparison.Ordinal);
        Assert.Matches(@"OK compiled sql \w+ model main\.stg_customers", output);
    }
}
