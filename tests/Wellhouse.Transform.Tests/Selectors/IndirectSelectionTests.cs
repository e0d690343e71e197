using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Selectors;

/// <summary>Indirect selection as dbt's modes: which tests come with the selected nodes (eager, cautious, buildable,
/// empty), through unions and exclusions, from the command line and from a selectors.yml method.</summary>
public sealed class IndirectSelectionTests
{
    private static TempProject Project(string selectors = "")
    {
        var project = new TempProject("wellhouse-indirect-");
        project.WriteProject("ind");
        project.Write("models/wells.sql", "select 1 as id");
        project.Write("models/readings.sql", "select 1 as well_id");
        project.Write("models/daily.sql", "select r.well_id from {{ ref('readings') }} r join {{ ref('wells') }} w on w.id = r.well_id");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: wells
                columns:
                  - name: id
                    data_tests: [unique]
              - name: readings
                columns:
                  - name: well_id
                    data_tests:
                      - relationships: {to: ref('wells'), field: id}
              - name: daily
                columns:
                  - name: well_id
                    data_tests:
                      - relationships: {to: ref('wells'), field: id}
            """);
        if (selectors.Length > 0)
        {
            project.Write("selectors.yml", selectors);
        }

        return project;
    }

    private static string Select(TempProject project, string[] select, string mode = "eager", string[]? exclude = null, string? selector = null)
    {
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));
        var selected = ProjectSelection.TrySelect(load.Project!, select, exclude ?? [], selector, out var error, indirectSelection: mode);
        Assert.True(selected is not null, error?.ToString());
        return string.Join(" ", selected!.Select(id => id.Split('.')[2]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("eager", "relationships_daily_well_id__id__ref_wells_ relationships_readings_well_id__id__ref_wells_ unique_wells_id wells")]
    [InlineData("cautious", "unique_wells_id wells")]
    [InlineData("empty", "wells")]
    public void Selecting_a_model_brings_its_tests_by_mode(string mode, string expected)
    {
        using var project = Project();
        Assert.Equal(expected, Select(project, ["wells"], mode));
    }

    [Fact]
    public void Buildable_takes_a_test_whose_other_parents_are_ancestors_and_cautious_does_not()
    {
        using var project = Project();

        Assert.Equal("daily relationships_daily_well_id__id__ref_wells_", Select(project, ["daily"], "buildable"));
        Assert.Equal("daily", Select(project, ["daily"], "cautious"));
    }

    [Fact]
    public void A_cautious_union_takes_a_test_once_all_its_parents_are_selected()
    {
        using var project = Project();

        Assert.Equal("readings relationships_readings_well_id__id__ref_wells_ unique_wells_id wells", Select(project, ["wells", "readings"], "cautious"));
    }

    [Fact]
    public void An_excluded_nodes_tests_go_with_it_as_in_dbt()
    {
        using var project = Project();

        Assert.Equal("unique_wells_id wells", Select(project, ["wells"], "eager", ["readings", "daily"]));
    }

    [Fact]
    public void A_selectors_yml_method_sets_its_own_indirect_selection_and_a_bad_mode_is_an_error()
    {
        using var project = Project("""
            selectors:
              - name: wells_only
                definition:
                  method: fqn
                  value: wells
                  indirect_selection: empty
              - name: wells_cautious
                definition:
                  union:
                    - method: fqn
                      value: wells
                      indirect_selection: cautious
              - name: broken
                definition:
                  method: fqn
                  value: wells
                  indirect_selection: careful
            """);

        Assert.Equal("wells", Select(project, [], selector: "wells_only"));
        Assert.Equal("unique_wells_id wells", Select(project, [], selector: "wells_cautious"));
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });
        Assert.Null(ProjectSelection.TrySelect(load.Project!, [], [], "broken", out var error));
        Assert.Contains("indirect_selection 'careful' is not one of eager, cautious, buildable, empty", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Selectors_yml_strings_are_rendered_with_var_and_env_var()
    {
        using var project = Project("""
            selectors:
              - name: picked
                definition:
                  method: fqn
                  value: "{{ var('pick', 'daily') }}"
                  indirect_selection: "{{ env_var('WELLS_MODE', 'eager') }}"
            """);

        var load = ProjectLoader.Load(new ProjectLoadOptions
        {
            ProjectDir = project.ProjectDir,
            ProfilesDir = project.ProjectDir,
            VarsYaml = "{pick: wells}",
            Environment = new Dictionary<string, string> { ["WELLS_MODE"] = "empty" },
        });
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));
        var selected = ProjectSelection.TrySelect(load.Project!, [], [], "picked", out _)!;

        Assert.Equal(["model.ind.wells"], selected);
        Assert.Equal("daily relationships_daily_well_id__id__ref_wells_", Select(project, [], selector: "picked"));
    }
}
