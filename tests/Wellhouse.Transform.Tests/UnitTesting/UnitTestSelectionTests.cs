using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.UnitTesting;

/// <summary>Selecting unit tests: test_type:unit, resource_type:unit_test, by name, through their model.</summary>
public sealed class UnitTestSelectionTests : IDisposable
{
    private readonly UnitTestProject project = new("wells");

    public void Dispose() => project.Dispose();

    [Theory]
    [InlineData("test_type:unit", 7)]
    [InlineData("resource_type:unit_test", 7)]
    [InlineData("revenue_from_inline_csv", 1)]
    [InlineData("tag:formulas", 1)]
    [InlineData("tag:unit", 7)]
    [InlineData("test_type:generic", 0)]
    public void Select_UnitTestMethods_MatchUnitTests(string selector, int count)
    {
        var selected = Select([selector]);

        Assert.Equal(count, selected.Count(IsUnitTest));
    }

    [Fact]
    public void Select_Model_AddsItsUnitTestsIndirectly()
    {
        var selected = Select(["well_revenue"]);

        Assert.Equal(
            ["unit_test.wells.well_revenue.revenue_from_inline_csv", "unit_test.wells.well_revenue.revenue_from_sql_and_fixture_file", "unit_test.wells.well_revenue.revenue_with_price_factor_var"],
            selected.Where(IsUnitTest).Order(StringComparer.Ordinal));
        Assert.Contains("model.wells.well_revenue", selected);
    }

    [Fact]
    public void Select_ModelExcludingUnitTests_OnlyModel()
    {
        var selected = Select(["well_revenue"], ["test_type:unit"]);

        Assert.Equal(["model.wells.well_revenue"], selected);
    }

    [Fact]
    public void Select_ByTag_UsesTheRenderedJinjaTagOfTheUnitTestsConfig()
    {
        using var tagged = new TempProject("wellhouse-unit-tags-");
        tagged.WriteProject("tagged");
        tagged.Write("models/m.sql", "select 1 as id");
        tagged.Write("models/m.yml", """
            unit_tests:
              - name: everywhere
                model: m
                given: []
                expect: {rows: [{id: 1}]}
                config:
                  tags: "{{ 'skip' if target.type not in ['duckdb'] else 'runnable' }}"
              - name: elsewhere_only
                model: m
                given: []
                expect: {rows: [{id: 1}]}
                config:
                  tags: "{{ 'skip' if target.type in ['duckdb'] else 'runnable' }}"
            """);
        var load = Wellhouse.Transform.Project.ProjectLoader.Load(new() { ProjectDir = tagged.ProjectDir, ProfilesDir = tagged.ProjectDir });
        Assert.True(load.Success, string.Join("\n", load.Diagnostics));

        var skipped = NodeSelector.Select(load.Project!.Manifest, load.Project.Graph, ["tag:skip"], []);

        Assert.Equal(["unit_test.tagged.m.elsewhere_only"], skipped);
    }

    private IReadOnlyCollection<string> Select(IReadOnlyList<string> select, IReadOnlyList<string>? exclude = null)
    {
        var loaded = project.Load().Project!;
        return NodeSelector.Select(loaded.Manifest, loaded.Graph, select, exclude ?? []);
    }

    private static bool IsUnitTest(string id) => id.StartsWith("unit_test.", StringComparison.Ordinal);
}
