using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Selectors;

/// <summary>selectors.yml and --selector: strings, method/value with graph operators, union, intersection, exclude,
/// method: selector, the default selector, and errors that name the selector.</summary>
public sealed class YamlSelectorTests
{
    private static TempProject Project(string selectors)
    {
        var project = new TempProject("wellhouse-selectors-");
        project.WriteProject("sel", "models:\n  sel:\n    marts:\n      +tags: [nightly]\n");
        project.Write("models/staging/stg_wells.sql", "select 1 as id");
        project.Write("models/staging/stg_prices.sql", "select 2 as id");
        project.Write("models/marts/wells_daily.sql", "select * from {{ ref('stg_wells') }}");
        project.Write("models/marts/revenue.sql", "select * from {{ ref('wells_daily') }}, {{ ref('stg_prices') }}");
        project.Write("selectors.yml", selectors);
        return project;
    }

    private static List<string> Names(TempProject project, string? selector)
    {
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));
        var selected = ProjectSelection.TrySelect(load.Project!, [], [], selector, out var error);
        Assert.True(selected is not null, error?.ToString());
        return [.. selected!.Select(id => id.Split('.')[^1]).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void Definitions_combine_as_dbt_documents()
    {
        using var project = Project("""
            selectors:
              - name: nightly_no_revenue
                definition:
                  union:
                    - method: tag
                      value: nightly
                    - exclude:
                        - revenue
              - name: wells_upstream
                definition:
                  method: fqn
                  value: wells_daily
                  parents: true
              - name: staging_feeding_revenue
                definition:
                  intersection:
                    - 'path:models/staging'
                    - method: selector
                      value: revenue_parents
              - name: revenue_parents
                definition: '+revenue'
            """);

        Assert.Equal(["wells_daily"], Names(project, "nightly_no_revenue"));
        Assert.Equal(["stg_wells", "wells_daily"], Names(project, "wells_upstream"));
        Assert.Equal(["stg_prices", "stg_wells"], Names(project, "staging_feeding_revenue"));
    }

    [Fact]
    public async Task The_default_selector_applies_when_nothing_is_selected_and_selector_runs_from_the_runner()
    {
        using var project = Project("selectors:\n  - name: staging\n    default: true\n    definition: 'path:models/staging'\n  - name: marts\n    definition: 'tag:nightly'\n");

        Assert.Equal(["stg_prices", "stg_wells"], Names(project, null));
        var report = await project.RunAsync(DbtCommandKind.Run);
        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal(2, report.Outcome!.Results.Count);
        Assert.Contains(project.Log, l => l.Contains("Using the default selector 'staging'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("selectors:\n  - name: broken\n    definition:\n      method: no_such_method\n      value: x\n", "broken", "selector 'broken':")]
    [InlineData("selectors:\n  - name: loop\n    definition:\n      method: selector\n      value: loop\n", "loop", "uses itself")]
    [InlineData("selectors:\n  - name: a\n    definition: 'tag:x'\n", "missing", "no selector named 'missing' (known: a)")]
    public void A_bad_selector_is_an_error_naming_it(string yaml, string name, string message)
    {
        using var project = Project(yaml);
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        var selected = ProjectSelection.TrySelect(load.Project!, [], [], name, out var error);

        Assert.Null(selected);
        Assert.Contains(message, error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_default_selectors_are_a_load_error_naming_the_file()
    {
        using var project = Project("selectors:\n  - name: a\n    default: true\n    definition: 'tag:x'\n  - name: b\n    default: true\n    definition: 'tag:y'\n");
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.Contains(load.Diagnostics, d => d.Span.File == "selectors.yml" && d.Message.Contains("both 'default: true'", StringComparison.Ordinal));
    }

    [Fact]
    public void Selector_together_with_select_is_refused()
    {
        using var project = Project("selectors:\n  - name: a\n    definition: 'tag:nightly'\n");
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.Null(ProjectSelection.TrySelect(load.Project!, ["revenue"], [], "a", out var error));
        Assert.Contains("--selector cannot be combined with --select or --exclude", error!.Message, StringComparison.Ordinal);
    }
}
