using System.Text.Json;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary>Groups and model access as dbt checks them while parsing: private models only from their group, unknown
/// groups and bad access values as errors naming file and line, groups and group_map in manifest.json.</summary>
public sealed class GroupAccessTests
{
    private static TempProject Project(string reportSql, string extraYml = "")
    {
        var project = new TempProject("wellhouse-groups-");
        project.WriteProject("governed", "models:\n  governed:\n    finance:\n      +group: finance\n");
        project.Write("models/finance/revenue_base.sql", "select 1 as id, 10.0 as usd");
        project.Write("models/finance/revenue.sql", "select * from {{ ref('revenue_base') }}");
        project.Write("models/report.sql", reportSql);
        project.Write("models/schema.yml", $$"""
            version: 2
            groups:
              - name: finance
                owner: {name: Finance team, email: finance@example.com}
            models:
              - name: revenue_base
                access: private
                columns:
                  - name: id
                    data_tests: [unique]
              - name: revenue
                access: public
            {{extraYml}}
            """);
        return project;
    }

    private static ProjectLoadResult Load(TempProject project) =>
        ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

    [Fact]
    public async Task A_private_model_is_used_inside_its_group_and_groups_are_in_the_manifest()
    {
        using var project = Project("select * from {{ ref('revenue') }}");
        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
        Assert.DoesNotContain(report.Diagnostics, d => d.Code == "DBT180");
        Assert.Equal(10.0m, project.Query("select usd from main.report").Single()[0]);
        var nodes = report.Project!.Manifest.Nodes;
        Assert.Equal(("private", "finance"), (nodes["model.governed.revenue_base"].Access, nodes["model.governed.revenue_base"].Group));
        Assert.Equal(("protected", null), (nodes["model.governed.report"].Access, nodes["model.governed.report"].Group));

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.ProjectDir, "target", "manifest.json")));
        var group = manifest.RootElement.GetProperty("groups").GetProperty("group.governed.finance");
        Assert.Equal("finance@example.com", group.GetProperty("owner").GetProperty("email").GetString());
        Assert.Equal(["model.governed.revenue", "model.governed.revenue_base"], manifest.RootElement.GetProperty("group_map").GetProperty("finance").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        var baseNode = manifest.RootElement.GetProperty("nodes").GetProperty("model.governed.revenue_base");
        Assert.Equal(("private", "finance"), (baseNode.GetProperty("access").GetString(), baseNode.GetProperty("group").GetString()));
    }

    [Fact]
    public void A_ref_to_a_private_model_from_outside_its_group_is_dbts_parse_error_at_the_ref()
    {
        using var project = Project("select 1 as x\nunion all select id from {{ ref('revenue_base') }}");
        var load = Load(project);

        Assert.False(load.Success);
        var error = Assert.Single(load.Diagnostics, d => d.Code == "DBT207");
        Assert.Equal(("models/report.sql", 2), (error.Span.File, error.Span.Line));
        Assert.Equal("Node model.governed.report attempted to reference node model.governed.revenue_base, which is not allowed because the referenced node is private to the 'finance' group.", error.Message);
    }

    [Fact]
    public void An_unknown_group_a_bad_access_value_and_a_public_ephemeral_model_are_errors_where_written()
    {
        using var project = Project("select 1 as x", """
              - name: report
                access: secret
                config:
                  group: marketing
            """);
        project.Write("models/eph.sql", "{{ config(materialized='ephemeral', access='public') }}\nselect 1 as x");
        var load = Load(project);

        var errors = load.Diagnostics.Where(d => d.Code == "DBT207").Select(d => $"{d.Span.File}:{d.Span.Line} {d.Message}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "models/eph.sql:1 Node model.governed.eph with 'ephemeral' materialization has an invalid value (public) for the access field",
                "models/schema.yml:13 Invalid group 'marketing', expected one of ['finance']",
                "models/schema.yml:13 Node model.governed.report has an invalid value (secret) for the access field",
            ],
            errors);
    }

    [Fact]
    public void Group_and_access_selectors_pick_nodes_as_dbts()
    {
        using var project = Project("select * from {{ ref('revenue') }}");
        var load = Load(project);
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));

        string Select(string term) => string.Join(" ", ProjectSelection.TrySelect(load.Project!, [term], [], null, out _)!
            .Where(id => id.StartsWith("model.", StringComparison.Ordinal)).Select(id => id.Split('.')[^1]).Order(StringComparer.Ordinal));

        Assert.Equal("revenue revenue_base", Select("group:finance"));
        Assert.Equal("revenue_base", Select("access:private"));
        Assert.Equal("report", Select("access:protected"));
    }
}
