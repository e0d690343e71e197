using System.Text.Json;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary>Model versions as dbt makes them: one node per version, <c>&lt;model&gt;_v&lt;v&gt;</c> relations, refs
/// pinned or resolved to the latest version, columns by include/exclude, tests per version, deprecation warnings and
/// the <c>version:</c> selector.</summary>
public sealed class ModelVersionTests
{
    private static TempProject Project()
    {
        var project = new TempProject("wellhouse-versions-");
        project.WriteProject("versioned");
        project.Write("models/dim_wells_v1.sql", "select 1 as id, 'A-1' as name, 'old' as legacy");
        project.Write("models/dim_wells_v2.sql", "select 1 as id, 'A-1' as name union all select 2, 'A-2'");
        project.Write("models/wells_next.sql", "select 1 as id, 'gold' as tier");
        project.Write("models/report.sql", "select count(*) as n from {{ ref('dim_wells') }}");
        project.Write("models/legacy_report.sql", "select legacy from {{ ref('dim_wells', v=1) }}");
        project.Write("models/next_report.sql", "select tier from {{ ref('dim_wells', version='3') }}");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: dim_wells
                latest_version: 2
                columns:
                  - name: id
                    data_tests: [unique, not_null]
                  - name: name
                  - name: legacy
                versions:
                  - v: 1
                    deprecation_date: 2020-01-31
                  - v: 2
                    columns:
                      - include: all
                        exclude: [legacy]
                  - v: 3
                    defined_in: wells_next
                    config:
                      materialized: table
                    columns:
                      - include: [id]
                      - name: tier
                        data_tests: [not_null]
            """);
        return project;
    }

    [Fact]
    public async Task Each_version_is_a_node_and_a_relation_and_refs_resolve_to_the_pinned_or_latest_version()
    {
        using var project = Project();
        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        var nodes = report.Project!.Manifest.Nodes;
        var v2 = nodes["model.versioned.dim_wells.v2"];
        Assert.Equal(("dim_wells", "dim_wells_v2"), (v2.Name, v2.Alias));
        Assert.Equal(["versioned", "dim_wells", "v2"], v2.Fqn);
        Assert.Equal((2L, 2L), (v2.Version, v2.LatestVersion));
        Assert.Equal(["id", "name"], v2.Columns.Keys);
        Assert.Equal(["id", "name", "legacy"], nodes["model.versioned.dim_wells.v1"].Columns.Keys);
        Assert.Equal(["id", "tier"], nodes["model.versioned.dim_wells.v3"].Columns.Keys);
        Assert.Equal("table", nodes["model.versioned.dim_wells.v3"].Config.Materialized);
        Assert.DoesNotContain("model.versioned.dim_wells_v1", nodes.Keys);

        Assert.Equal(["model.versioned.dim_wells.v2"], nodes["model.versioned.report"].DependsOnNodes);
        Assert.Equal(["model.versioned.dim_wells.v1"], nodes["model.versioned.legacy_report"].DependsOnNodes);
        Assert.Equal(["model.versioned.dim_wells.v3"], nodes["model.versioned.next_report"].DependsOnNodes);
        Assert.Equal(2L, project.Query("select n from main.report").Single()[0]);
        Assert.Equal("old", project.Query("select legacy from main.legacy_report").Single()[0]);
        Assert.Equal("gold", project.Query("select tier from main.next_report").Single()[0]);
        Assert.Equal("BASE TABLE", project.Query("select table_type from information_schema.tables where table_name = 'dim_wells_v3'").Single()[0]);

        // Tests per version: the model's tests for v1 and v2, the version's own columns' tests for v3.
        var tests = nodes.Values.Where(n => n.TestMetadata is not null).Select(n => n.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["not_null_dim_wells_v1_id", "not_null_dim_wells_v2_id", "not_null_dim_wells_v3_id", "not_null_dim_wells_v3_tier", "unique_dim_wells_v1_id", "unique_dim_wells_v2_id", "unique_dim_wells_v3_id"],
            tests);
        var unique = nodes.Values.Single(n => n.Name == "unique_dim_wells_v2_id");
        Assert.Equal("model.versioned.dim_wells.v2", unique.AttachedNode);
        Assert.Equal("{{ get_where_subquery(ref('dim_wells', version='2')) }}", unique.TestMetadata!.Kwargs["model"]);
        Assert.Contains("\"dim_wells_v2\"", unique.CompiledCode, StringComparison.Ordinal);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "manifest.json")));
        var v1 = manifest.RootElement.GetProperty("nodes").GetProperty("model.versioned.dim_wells.v1");
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal(2, v1.GetProperty("latest_version").GetInt32());
        Assert.StartsWith("2020-01-31T00:00:00", v1.GetProperty("deprecation_date").GetString(), StringComparison.Ordinal);
        var legacyRef = manifest.RootElement.GetProperty("nodes").GetProperty("model.versioned.legacy_report").GetProperty("refs")[0];
        Assert.Equal("1", legacyRef.GetProperty("version").GetString());
    }

    [Fact]
    public void A_past_deprecation_date_warns_about_the_model_and_each_model_referring_to_it()
    {
        using var project = Project();
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.True(load.Success, string.Join("\n", load.Diagnostics));
        var warnings = load.Diagnostics.Where(d => d.Code == "DBT206").Select(d => $"{d.Span.File}:{d.Span.Line} {d.Message}").ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Matches(@"^models/schema\.yml:11 Model dim_wells\.v1 has passed its deprecation date of 2020-01-31T00:00:00[+-]\d\d:\d\d\. This model should be disabled or removed\.$", warnings[0]);
        Assert.Matches(@"^models/legacy_report\.sql:1 While compiling 'legacy_report': Found a reference to dim_wells\.v1, which was deprecated on '2020-01-31T00:00:00[+-]\d\d:\d\d'\. A new version of 'dim_wells' is available\. Migrate now: \{\{ ref\('versioned', 'dim_wells', v='2'\) \}\}\.$", warnings[1]);
        Assert.DoesNotContain(load.Diagnostics, d => d.Code == "DBT180");
    }

    [Theory]
    [InlineData("version:latest", "dim_wells.v2")]
    [InlineData("version:old", "dim_wells.v1")]
    [InlineData("version:prerelease", "dim_wells.v3")]
    [InlineData("dim_wells.v1", "dim_wells.v1")]
    [InlineData("dim_wells_v3", "dim_wells.v3")]
    [InlineData("dim_wells", "dim_wells.v1 dim_wells.v2 dim_wells.v3")]
    public void Versions_are_selected_by_name_by_name_and_version_and_by_the_version_method(string select, string expected)
    {
        using var project = Project();
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));

        var selected = ProjectSelection.TrySelect(load.Project!, [select], [], null, out var error);

        Assert.True(selected is not null, error?.ToString());
        var models = selected!.Where(id => id.StartsWith("model.", StringComparison.Ordinal)).Select(id => id["model.versioned.".Length..]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(" ", models));
    }

    [Fact]
    public void Version_none_selects_unversioned_models_and_a_bad_version_method_value_is_an_error()
    {
        using var project = Project();
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        var none = ProjectSelection.TrySelect(load.Project!, ["version:none"], [], null, out _)!;
        Assert.Equal(["legacy_report", "next_report", "report"], none.Select(id => id.Split('.')[^1]).Order(StringComparer.Ordinal));
        Assert.Null(ProjectSelection.TrySelect(load.Project!, ["version:newest"], [], null, out var error));
        Assert.Contains("Invalid version type selector newest", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_version_file_an_unknown_latest_version_and_an_unversioned_twin_are_reported_where_written()
    {
        using var project = new TempProject("wellhouse-versions-");
        project.WriteProject("versioned");
        project.Write("models/wells.sql", "select 1 as id");
        project.Write("models/wells_v1.sql", "select 1 as id");
        project.Write("models/other_v1.sql", "select 1 as id");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: wells
                latest_version: 1
                versions:
                  - v: 1
              - name: other
                latest_version: 3
                versions:
                  - v: 1
              - name: gauges
                versions:
                  - v: 1
            """);

        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        var problems = load.Diagnostics.Select(d => $"{d.Severity} {d.Span.File}:{d.Span.Line} {d.Message}").ToList();
        Assert.Contains(problems, p => p.StartsWith("Error models/wells.sql:1 Found versioned and unversioned models with the same name 'wells'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Error models/schema.yml:8 latest_version: 3 is not one of model 'other' versions: [1]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Warning models/schema.yml:13 Did not find matching node for patch with name 'gauges_v1'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_unit_test_of_a_versioned_model_runs_once_per_version_or_for_those_it_includes()
    {
        using var project = Project();
        project.Write("models/unit_tests.yml", """
            version: 2
            unit_tests:
              - name: first_well
                model: dim_wells
                given: []
                expect:
                  rows:
                    - {id: 1}
              - name: old_columns
                model: dim_wells
                versions:
                  include: [1]
                given: []
                expect:
                  rows:
                    - {id: 1, legacy: old}
            """);

        var report = await project.RunAsync(Wellhouse.Transform.Execution.DbtCommandKind.Test);

        var statuses = report.Outcome!.Results.Where(r => r.Node.ResourceType == Wellhouse.Transform.Graph.ResourceType.UnitTest)
            .Select(r => $"{r.Node.UniqueId} {r.Status}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "unit_test.versioned.dim_wells.first_well_v1 Pass",
                "unit_test.versioned.dim_wells.first_well_v2 Fail",
                "unit_test.versioned.dim_wells.first_well_v3 Pass",
                "unit_test.versioned.dim_wells.old_columns_v1 Pass",
            ],
            statuses);
        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "DBT180");
    }

    [Fact]
    public async Task A_unit_test_naming_a_version_after_the_model_resolves_it_as_dbt_does()
    {
        using var project = Project();
        project.Write("models/unit_tests.yml", """
            version: 2
            unit_tests:
              - name: pinned
                model: dim_wells 2
                versions:
                  include: [2]
                given: []
                expect:
                  rows:
                    - {id: 1}
            """);

        var report = await project.RunAsync(Wellhouse.Transform.Execution.DbtCommandKind.Test);

        var unit = Assert.Single(report.Outcome!.Results, r => r.Node.ResourceType == Wellhouse.Transform.Graph.ResourceType.UnitTest);
        Assert.Equal("unit_test.versioned.dim_wells 2.pinned_v2", unit.Node.UniqueId);
        Assert.Equal("model.versioned.dim_wells.v2", report.Project!.Manifest.UnitTests[unit.Node.UniqueId].ModelId);

        project.Write("models/unit_tests.yml", "version: 2\nunit_tests:\n  - name: pinned\n    model: dim_wells 9\n    given: []\n    expect: {rows: [{id: 1}]}\n");
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });
        var error = Assert.Single(load.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("Unable to find model 'versioned.dim_wells 9' for unit test 'pinned' in models/unit_tests.yml", error.Message);
    }

    [Fact]
    public async Task An_unpinned_ref_logs_dbts_note_when_a_newer_prerelease_version_exists()
    {
        using var project = Project();
        var report = await project.RunAsync(Wellhouse.Transform.Execution.DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        var notes = project.Log.Where(l => l.Contains("Found an unpinned reference", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "While compiling 'report':\n"
                + "Found an unpinned reference to versioned model 'dim_wells' in project 'versioned'.\n"
                + "Resolving to latest version: dim_wells.v2\n"
                + "A prerelease version 3 is available. It has not yet been marked 'latest' by its maintainer.\n"
                + "When that happens, this reference will resolve to dim_wells.v3 instead.\n\n"
                + "  Try out v3: {{ ref('versioned', 'dim_wells', v='3') }}\n"
                + "  Pin to  v2: {{ ref('versioned', 'dim_wells', v='2') }}\n",
            ],
            notes);
    }
}
