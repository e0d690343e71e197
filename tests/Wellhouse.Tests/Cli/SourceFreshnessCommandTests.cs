using System.Text.Json;

namespace Wellhouse.Tests.Cli;

public sealed class SourceFreshnessCommandTests
{
    [Fact]
    public async Task SourceFreshness_StaleAndBrokenSources_LinesSourcesJsonExitOne()
    {
        using var project = new FixtureProject("state/freshness");
        Assert.Equal(0, await project.RunAsync("seed"));
        project.Output.GetStringBuilder().Clear();

        var output = Path.Combine(project.Directory, "ci", "freshness.json");
        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["source", "freshness", "--project-dir", project.Directory, "--profiles-dir", project.Directory, "-o", output], project.Output, project.Error);

        Assert.Equal(1, exit);
        var lines = project.Output.ToString();
        Assert.Contains("START freshness of raw.events_fresh", lines);
        Assert.Contains("ERROR STALE freshness of raw.events_fresh", lines);
        Assert.Contains("ERROR freshness of raw.events_bad_column", lines);
        Assert.Contains("Done. PASS=0 WARN=0 ERROR=5 SKIP=0 NO-OP=0 TOTAL=5", lines);
        Assert.DoesNotContain("   at ", lines + project.Error);
        Assert.False(File.Exists(Path.Combine(project.Directory, "target", "sources.json")));
        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal(5, json.RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task SourceFreshness_FlagsWhichIsFreshnessWhileParsing()
    {
        using var project = new FixtureProject("state/freshness");
        Assert.Equal(0, await project.RunAsync("seed"));
        // The loaded_at_field names the real column only when flags.WHICH is dbt's 'freshness'.
        var sources = Path.Combine(project.Directory, "models", "_raw__sources.yml");
        File.WriteAllText(sources, File.ReadAllText(sources).Replace("  - name: unmonitored\n", "      - name: events_which\n        identifier: raw_events\n        loaded_at_field: \"{{ 'loaded_at' if flags.WHICH == 'freshness' else 'not_the_column' }}\"\n  - name: unmonitored\n", StringComparison.Ordinal));
        project.Output.GetStringBuilder().Clear();

        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["source", "freshness", "--project-dir", project.Directory, "--profiles-dir", project.Directory, "-s", "source:raw.events_which"], project.Output, project.Error);

        Assert.Equal(1, exit);
        Assert.Contains("ERROR STALE freshness of raw.events_which", project.Output.ToString());
        Assert.DoesNotContain("not_the_column", project.Output.ToString() + project.Error);
    }

    [Fact]
    public async Task SourceFreshness_OnlySwitchedOffSourceSelected_NothingToDoExitZero()
    {
        using var project = new FixtureProject("state/freshness");

        var exit = await Wellhouse.Cli.WellhouseCli.RunAsync(["source", "freshness", "--project-dir", project.Directory, "--profiles-dir", project.Directory, "-s", "source:raw.events_off"], project.Output, project.Error);

        Assert.Equal(0, exit);
        Assert.Contains("Nothing to do: no selected source has a freshness threshold and a loaded_at_field.", project.Output.ToString());
    }
}
