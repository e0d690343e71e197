using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.UnitTesting;

/// <summary>Unit tests run by build and test: passing, failing with a diff, formats, overrides, order and skips.</summary>
public sealed class UnitTestRunTests
{
    [Fact]
    public async Task Build_WellsProject_EveryUnitTestPassesBeforeItsModel()
    {
        using var project = new UnitTestProject("wells");

        var report = await project.RunAsync(DbtCommandKind.Build);

        Assert.True(report.Success, project.Output + string.Join("\n", report.FormatProblems()));
        var results = report.Outcome!.Results;
        var unitTests = results.Where(r => r.Node.ResourceType == ResourceType.UnitTest).ToList();
        Assert.Equal(7, unitTests.Count);
        Assert.All(unitTests, r => Assert.Equal(NodeStatus.Pass, r.Status));
        var order = results.Select(r => r.Node.UniqueId).ToList();
        Assert.True(order.IndexOf("model.wells.stg_production") < order.IndexOf("unit_test.wells.well_monthly.monthly_volume_is_rate_times_calendar_days"));
        Assert.True(order.IndexOf("unit_test.wells.well_monthly.monthly_volume_is_rate_times_calendar_days") < order.IndexOf("model.wells.well_monthly"));
        Assert.Contains(project.Log, l => l.Contains("START unit_test well_monthly::monthly_volume_is_rate_times_calendar_days", StringComparison.Ordinal));
        Assert.Contains(project.Log, l => l.Contains("PASS well_revenue::revenue_from_inline_csv", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Test_FreshDatabase_TypesInferredFromRowsAndYml()
    {
        using var project = new UnitTestProject("wells");

        var report = await project.RunAsync(DbtCommandKind.Test, select: ["test_type:unit"]);

        Assert.True(report.Success, project.Output);
        Assert.Equal(7, report.Outcome!.Results.Count);
        Assert.All(report.Outcome.Results, r => Assert.Equal(NodeStatus.Pass, r.Status));
    }

    [Fact]
    public async Task Build_FailingUnitTest_DiffPrintedModelAndChildrenSkipped()
    {
        using var project = new UnitTestProject("failing");

        var report = await project.RunAsync(DbtCommandKind.Build);

        Assert.Equal(1, report.ExitCode);
        var byId = report.Outcome!.Results.ToDictionary(r => r.Node.UniqueId);
        var unitTest = byId["unit_test.failing.well_monthly.february_has_29_days_in_2024"];
        Assert.Equal(NodeStatus.Fail, unitTest.Status);
        Assert.Equal(4, unitTest.Failures);
        Assert.Equal(NodeStatus.Skipped, byId["model.failing.well_monthly"].Status);
        Assert.Equal(NodeStatus.Skipped, byId["model.failing.well_report"].Status);
        Assert.Equal(NodeStatus.Success, byId["model.failing.other"].Status);
        Assert.Equal(NodeStatus.Success, byId["seed.failing.raw_production"].Status);
        var expectedDiff = string.Join(
            "\n",
            "    | well_code | oil_kbbl",
            "--- | 1         | 58",
            "+++ | 1         | 60",
            "--- | 2         | 31",
            "+++ | 2         | 30",
            "(+++ only in actual, --- only in expected)");
        Assert.True(unitTest.Message!.Contains("actual differs from expected:\n\n" + expectedDiff, StringComparison.Ordinal), unitTest.Message);
        Assert.Contains(project.Log, l => l.Contains("FAIL 4 well_monthly::february_has_29_days_in_2024", StringComparison.Ordinal));
        Assert.Contains(project.Log, l => l.Contains("+++ | 1         | 60", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_FailingUnitTest_RunResultsRecordFailStatusAndFailures()
    {
        using var project = new UnitTestProject("failing");

        await project.RunAsync(DbtCommandKind.Build);

        using var json = System.Text.Json.JsonDocument.Parse(project.Read("target/run_results.json"));
        var result = json.RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("unique_id").GetString() == "unit_test.failing.well_monthly.february_has_29_days_in_2024");
        Assert.Equal("fail", result.GetProperty("status").GetString());
        Assert.Equal(4, result.GetProperty("failures").GetInt64());
        Assert.Contains("actual differs from expected", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_UnbuiltInputWithDocumentedColumns_LeftOutColumnsAreNull()
    {
        using var project = new UnitTestProject("wells");
        project.Write("models/stg_production.yml", """
            version: 2
            models:
              - name: stg_production
                columns:
                  - name: well_code
                  - name: production_period
                    data_type: date
                  - name: oil_kbd
            """);
        project.Write("models/_unit_tests.yml", """
            version: 2
            unit_tests:
              - name: no_rate_no_volume
                model: well_monthly
                given:
                  - input: ref('stg_production')
                    rows:
                      - {well_code: 5, production_period: 2024-02-01}
                expect:
                  rows:
                    - {well_code: 5, oil_kbd: null, oil_kbbl: null}
            """);

        var report = await project.RunAsync(DbtCommandKind.Test);

        Assert.True(report.Success, project.Output);
        Assert.Equal(NodeStatus.Pass, Assert.Single(report.Outcome!.Results).Status);
    }

    [Fact]
    public async Task Test_SeedGivenWithoutRows_UsesTheSeedFileRows()
    {
        using var project = new UnitTestProject("wells");
        project.Write("models/_unit_tests.yml", """
            version: 2
            unit_tests:
              - name: staging_passes_seed_rows_through
                model: stg_production
                given:
                  - input: ref('raw_production')
                expect:
                  rows:
                    - {well_code: 1, oil_kbd: 2.0}
                    - {well_code: 1, oil_kbd: 1.5}
                    - {well_code: 2, oil_kbd: 4.0}
            """);

        var report = await project.RunAsync(DbtCommandKind.Test);

        Assert.True(report.Success, project.Output);
        Assert.Equal(NodeStatus.Pass, Assert.Single(report.Outcome!.Results).Status);
    }

    [Fact]
    public async Task Test_MacroOverride_ReplacesProjectMacroAlsoInsideOtherMacros()
    {
        using var project = new UnitTestProject("wells");
        Directory.CreateDirectory(Path.Combine(project.Directory, "macros"));
        project.Write("macros/reporting.sql", """
            {% macro report_date() %}current_date{% endmacro %}
            {% macro report_year() %}extract(year from {{ report_date() }}){% endmacro %}
            """);
        project.Write("models/well_year.sql", "select well_code, {{ report_year() }} as report_year from {{ ref('stg_production') }}");
        project.Write("models/_unit_tests.yml", """
            version: 2
            unit_tests:
              - name: year_of_the_report_date
                model: well_year
                overrides:
                  macros:
                    report_date: "date '1999-06-30'"
                given:
                  - input: ref('stg_production')
                    rows:
                      - {well_code: 1}
                expect:
                  rows:
                    - {well_code: 1, report_year: 1999}
            """);

        var report = await project.RunAsync(DbtCommandKind.Test);

        Assert.True(report.Success, project.Output);
        Assert.Equal(NodeStatus.Pass, Assert.Single(report.Outcome!.Results).Status);
    }
}
