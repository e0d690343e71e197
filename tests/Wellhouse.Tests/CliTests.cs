using Wellhouse.Cli;

namespace Wellhouse.Tests;

public sealed class CliTests
{
    [Fact]
    public async Task Help_ListsServeVerb()
    {
        var output = new StringWriter();

        var exit = await WellhouseCli.RunAsync(["--help"], output);

        Assert.Equal(0, exit);
        Assert.Contains("serve", output.ToString());
    }

    [Fact]
    public async Task UnknownVerb_ExitsNonZero()
    {
        var exit = await WellhouseCli.RunAsync(["no-such-verb"], new StringWriter(), new StringWriter());

        Assert.NotEqual(0, exit);
    }
}
