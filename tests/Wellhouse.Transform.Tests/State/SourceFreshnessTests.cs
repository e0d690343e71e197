using System.Text.Json;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Freshness;

namespace Wellhouse.Transform.Tests.State;

public sealed class SourceFreshnessTests
{
    /// <summary>Two hours after the newest row of the fixture's seed.</summary>
    private static readonly FixedClock Clock = new(new DateTimeOffset(2026, 1, 10, 14, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RunAsync_FixtureSources_StatusPerSourceAndExitOne()
    {
        using var project = new StateProject("freshness");
        var (report, lines) = await SeedAndCheck(project);

        Assert.Equal(1, report.ExitCode);
        var statuses = report.Results!.ToDictionary(r => r.Source.Name, r => r.Status);
        Assert.Equal(
            new Dictionary<string, FreshnessStatus>
            {
                ["events_bad_column"] = FreshnessStatus.RuntimeError,
                ["events_by_day"] = FreshnessStatus.Warn,
                ["events_filtered"] = FreshnessStatus.Error,
                ["events_fresh"] = FreshnessStatus.Pass,
                ["events_warn"] = FreshnessStatus.Warn,
            },
            statuses);
        Assert.Equal(7200, report.Results!.Single(r => r.Source.Name == "events_fresh").AgeSeconds, precision: 6);
        Assert.Contains(lines, l => l.StartsWith("3 of 5 ERROR STALE freshness of raw.events_filtered ...", StringComparison.Ordinal) && l.Contains(" [ERROR STALE in ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("PASS freshness of raw.events_fresh", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ERROR freshness of raw.events_bad_column", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("no_such_column", StringComparison.Ordinal));
        Assert.Contains("Done. PASS=1 WARN=2 ERROR=2 SKIP=0 NO-OP=0 TOTAL=5", lines);
        Assert.All(lines.Where(l => l.Contains(" of 5 ", StringComparison.Ordinal)), l => Assert.Matches(@"^\d of 5 \S.* \[.+\]$", l));
    }

    [Fact]
    public async Task RunAsync_SourcesJson_DbtV3Fields()
    {
        using var project = new StateProject("freshness");
        await SeedAndCheck(project);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "target", "sources.json")));
        var root = json.RootElement;
        Assert.Equal("https://schemas.getdbt.com/dbt/sources/v3.json", root.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        var results = root.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("unique_id").GetString()!);
        var warn = results["source.freshness_project.raw.events_warn"];
        Assert.Equal("warn", warn.GetProperty("status").GetString());
        Assert.Equal("2026-01-10T12:00:00.000000Z", warn.GetProperty("max_loaded_at").GetString());
        Assert.Equal("2026-01-10T14:00:00.000000Z", warn.GetProperty("snapshotted_at").GetString());
        Assert.Equal(7200, warn.GetProperty("max_loaded_at_time_ago_in_s").GetDouble(), precision: 6);
        var criteria = warn.GetProperty("criteria");
        Assert.Equal(1, criteria.GetProperty("warn_after").GetProperty("count").GetInt32());
        Assert.Equal("hour", criteria.GetProperty("warn_after").GetProperty("period").GetString());
        Assert.Equal(1, criteria.GetProperty("error_after").GetProperty("count").GetInt32());
        Assert.Equal("day", criteria.GetProperty("error_after").GetProperty("period").GetString());
        Assert.Equal("kind = 'old'", results["source.freshness_project.raw.events_filtered"].GetProperty("criteria").GetProperty("filter").GetString());
        var failed = results["source.freshness_project.raw.events_bad_column"];
        Assert.Equal("runtime error", failed.GetProperty("status").GetString());
        Assert.Contains("no_such_column", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(results.ContainsKey("source.freshness_project.raw.events_off"));
        Assert.False(results.ContainsKey("source.freshness_project.unmonitored.raw_events"));
    }

    [Fact]
    public async Task RunAsync_SelectOneSource_OnlyThatOneChecked()
    {
        using var project = new StateProject("freshness");
        var (report, _) = await SeedAndCheck(project, ["source:raw.events_fresh"]);

        Assert.Equal(0, report.ExitCode);
        Assert.Equal("events_fresh", Assert.Single(report.Results!).Source.Name);
    }

    [Fact]
    public async Task RunAsync_ExternalLocationSource_QueriedInPlace()
    {
        using var project = new StateProject("freshness");
        project.Write("models/_files__sources.yml", """
            version: 2
            sources:
              - name: files
                loaded_at_field: loaded_at
                freshness:
                  error_after: {count: 3, period: hour}
                tables:
                  - name: events
                    config:
                      external_location: seeds/raw_events.csv
            """);

        var (report, _) = await SeedAndCheck(project, ["source:files"]);

        var result = Assert.Single(report.Results!);
        Assert.Equal(FreshnessStatus.Pass, result.Status);
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero), result.MaxLoadedAt);
    }

    [Fact]
    public async Task RunAsync_EmptyTable_RuntimeErrorAsDbt()
    {
        using var project = new StateProject("freshness");
        var (report, _) = await SeedAndCheck(project, ["source:raw.events_filtered"], filterOverride: "kind = 'none'");

        var result = Assert.Single(report.Results!);
        Assert.Equal(FreshnessStatus.RuntimeError, result.Status);
        Assert.Contains("Expected a non-null value when querying field 'loaded_at'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timestamp '2026-01-10 12:00:00'")]
    [InlineData("timestamptz '2026-01-10 12:00:00+00'")]
    [InlineData("timestamptz '2026-01-10 14:00:00+02'")]
    public void ToUtc_DuckDbTimestampKinds_SameInstant(string literal)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select " + literal;

        var value = command.ExecuteScalar();

        Assert.Equal(new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero), SourceFreshnessRunner.ToUtc(value));
    }

    [Fact]
    public void ToUtc_DateAndText_MidnightAndNull()
    {
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero), SourceFreshnessRunner.ToUtc(new DateOnly(2026, 1, 10)));
        Assert.Null(SourceFreshnessRunner.ToUtc("2026-01-10"));
    }

    private static async Task<(SourceFreshnessReport Report, List<string> Lines)> SeedAndCheck(StateProject project, string[]? select = null, string? filterOverride = null)
    {
        if (filterOverride is not null)
        {
            project.Replace("models/_raw__sources.yml", "kind = 'old'", filterOverride);
        }

        var seed = await DbtRunner.RunAsync(new DbtRunOptions { ProjectDir = project.Directory, ProfilesDir = project.Directory, Command = DbtCommandKind.Seed }, TestContext.Current.CancellationToken);
        Assert.True(seed.Success, string.Join("\n", seed.FormatProblems()));
        var lines = new List<string>();
        var options = new DbtRunOptions { ProjectDir = project.Directory, ProfilesDir = project.Directory, Select = select ?? [], Log = lines.Add };
        var report = await SourceFreshnessRunner.RunAsync(options, TestContext.Current.CancellationToken, Clock);
        Assert.True(report.Results is not null, string.Join("\n", report.FormatProblems()));
        return (report, lines);
    }
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
