using System.Text.Json;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Exposures;

/// <summary>Exposures: in manifest.json and graph.exposures, selectable (+exposure:name selects what feeds it), with
/// depends_on resolved and errors that name the exposure.</summary>
public sealed class ExposureTests
{
    private static TempProject Project(string exposures)
    {
        var project = new TempProject("wellhouse-exposures-");
        project.WriteProject("exposed");
        project.Write("models/stg_wells.sql", "select 1 as id");
        project.Write("models/revenue.sql", "select * from {{ ref('stg_wells') }}");
        project.Write("models/unrelated.sql", "select 2 as id");
        project.Write("models/exposure_names.sql", "select '{{ graph.exposures.values() | map(attribute='name') | join(',') }}' as names");
        project.Write("models/exposures.yml", "version: 2\nexposures:\n" + exposures);
        return project;
    }

    private const string Weekly = """
          - name: weekly_report
            type: dashboard
            maturity: high
            owner: {name: Production engineering, email: pe@example.com}
            depends_on:
              - ref('revenue')
        """;

    [Fact]
    public async Task An_exposure_is_in_the_manifest_and_graph_and_selects_its_upstream()
    {
        using var project = Project(Weekly);
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));

        var upstream = ProjectSelection.TrySelect(load.Project!, ["+exposure:weekly_report"], [], null, out _)!;
        Assert.Equal(["model.exposed.stg_wells", "model.exposed.revenue"], upstream);

        var report = await project.RunAsync(DbtCommandKind.Run);
        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal("weekly_report", project.Query("select names from main.exposure_names").Single()[0]);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "manifest.json")));
        var exposure = manifest.RootElement.GetProperty("exposures").GetProperty("exposure.exposed.weekly_report");
        Assert.Equal("dashboard", exposure.GetProperty("type").GetString());
        Assert.Equal("model.exposed.revenue", exposure.GetProperty("depends_on").GetProperty("nodes")[0].GetString());
        Assert.Equal("exposure.exposed.weekly_report", manifest.RootElement.GetProperty("child_map").GetProperty("model.exposed.revenue")[0].GetString());
    }

    [Theory]
    [InlineData("  - name: broken\n    type: dashboard\n    owner: {email: a@b.c}\n    depends_on: [ref('no_such_model')]\n", "exposure 'broken' depends on ref('no_such_model'), which was not found")]
    [InlineData("  - name: bad_type\n    type: spreadsheet\n    owner: {email: a@b.c}\n", "exposure 'bad_type' needs a 'type'")]
    [InlineData("  - name: no_owner\n    type: notebook\n", "exposure 'no_owner' needs an 'owner'")]
    public void A_wrong_exposure_is_a_load_error_naming_it(string yaml, string message)
    {
        using var project = Project(yaml);
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.False(load.Success);
        var error = Assert.Single(load.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("models/exposures.yml", error.Span.File);
    }
}
