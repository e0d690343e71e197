using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.UnitTesting;

/// <summary>Loading <c>unit_tests:</c>: the unit_test nodes and the errors that point at the yml.</summary>
public sealed class UnitTestParsingTests
{
    private const string File = "models/_unit_tests.yml";

    [Fact]
    public void Load_WellsProject_UnitTestNodesWithDbtIdsFqnAndDependency()
    {
        using var project = new UnitTestProject("wells");

        var result = project.Load();

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var manifest = result.Project!.Manifest;
        var node = manifest.Nodes["unit_test.wells.well_monthly.monthly_volume_is_rate_times_calendar_days"];
        Assert.Equal(ResourceType.UnitTest, node.ResourceType);
        Assert.Equal(["wells", "well_monthly", "monthly_volume_is_rate_times_calendar_days"], node.Fqn);
        Assert.Equal(["model.wells.well_monthly"], node.DependsOnNodes);
        Assert.Equal(["unit", "formulas"], node.Config.Tags);
        Assert.Equal("main", node.Schema);
        Assert.Equal(File, node.OriginalFilePath);
        Assert.Equal(7, manifest.Nodes.Values.Count(n => n.ResourceType == ResourceType.UnitTest));
        Assert.Contains("unit_test.wells.well_monthly.monthly_volume_is_rate_times_calendar_days", manifest.ChildMap["model.wells.well_monthly"]);
    }

    [Fact]
    public void Load_FixtureFolder_NotParsedAsSingularTests()
    {
        using var project = new UnitTestProject("wells");
        project.Write("tests/fixtures/extra_rows.sql", "select 1 as id");

        var result = project.Load();

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Project!.Manifest.Nodes.Values, n => n.Name == "extra_rows");
    }

    [Fact]
    public void Load_UnknownModel_Dbt160AtModelValue()
    {
        var diagnostic = SingleError(
            """
            version: 2
            unit_tests:
              - name: t
                model: no_such_model
                given: []
                expect:
                  rows: []
            """);

        Assert.Equal("DBT160", diagnostic.Code);
        Assert.Equal(new SourceSpan(File, 4, 12), diagnostic.Span);
        Assert.Contains("'no_such_model' which was not found", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InputTheModelDoesNotReference_Dbt161AtInput()
    {
        var diagnostic = SingleError(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    rows: []
                  - input: ref('well_monthly')
                    rows: []
                expect:
                  rows: []
            """);

        Assert.Equal("DBT161", diagnostic.Code);
        Assert.Equal(new SourceSpan(File, 8, 16), diagnostic.Span);
        Assert.Contains("model 'well_label' does not reference it (its inputs: ref('stg_production'))", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InputNotRefOrSource_Dbt161()
    {
        var diagnostic = SingleError(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: stg_production
                    rows: []
                expect:
                  rows: []
            """,
            "DBT161");

        Assert.Equal(new SourceSpan(File, 6, 16), diagnostic.Span);
        Assert.Contains("must be ref('model'), source('source', 'table') or this", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelInputNotGiven_Dbt165AtUnitTest()
    {
        var diagnostic = SingleError(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given: []
                expect:
                  rows: []
            """);

        Assert.Equal("DBT165", diagnostic.Code);
        Assert.Equal(new SourceSpan(File, 3, 5), diagnostic.Span);
        Assert.Contains("gives no input for ref('stg_production')", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RowThatIsNotAMapping_Dbt163AtRow()
    {
        var diagnostic = SingleError(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    rows:
                      - [1, 2]
                expect:
                  rows: []
            """);

        Assert.Equal("DBT163", diagnostic.Code);
        Assert.Equal(new SourceSpan(File, 8, 13), diagnostic.Span);
        Assert.Contains("must be a mapping", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CsvRowWithTooManyFields_Dbt163AtCsvLine()
    {
        var diagnostic = SingleError(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    format: csv
                    rows: |
                      well_code
                      1,2
                expect:
                  rows: []
            """);

        Assert.Equal("DBT163", diagnostic.Code);
        Assert.Equal(new SourceSpan(File, 10, 1), diagnostic.Span);
        Assert.Contains("CSV row has 2 fields but the header names 1 columns", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFixtureFile_Dbt164AtFixture()
    {
        var diagnostic = SingleError(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    format: csv
                    fixture: no_such_fixture
                expect:
                  rows: []
            """);

        Assert.Equal("DBT164", diagnostic.Code);
        Assert.Equal(new SourceSpan(File, 8, 18), diagnostic.Span);
        Assert.Contains("fixture file 'no_such_fixture.csv' not found in tests/fixtures/", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKey_Dbt101()
    {
        var diagnostic = SingleError(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    rowz: []
                expect:
                  rows: []
            """,
            "DBT101");

        Assert.Equal(new SourceSpan(File, 7, 9), diagnostic.Span);
    }

    private static Diagnostic SingleError(string yml, string? code = null)
    {
        using var project = new UnitTestProject("wells");
        project.Write(File, yml);
        var result = project.Load();
        Assert.False(result.Success);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && (code is null || d.Code == code)).ToList();
        Assert.True(errors.Count == 1, string.Join("\n", result.Diagnostics));
        return errors[0];
    }
}
