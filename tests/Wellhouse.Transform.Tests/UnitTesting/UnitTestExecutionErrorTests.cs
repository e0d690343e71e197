using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.UnitTesting;

/// <summary>Problems found while running a unit test: unknown columns, values that do not cast; errors, never stack traces.</summary>
public sealed class UnitTestExecutionErrorTests
{
    private const string Id = "unit_test.wells.well_label.t";

    [Fact]
    public async Task Build_GivenColumnNotInBuiltInput_ErrorAtCellWithColumns()
    {
        var result = await RunSingleAsync(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    rows:
                      - {well_code: 1, gas: 2}
                expect:
                  rows:
                    - {well_code: 1}
            """);

        Assert.Equal(NodeStatus.Error, result.Status);
        Assert.Contains("models/_unit_tests.yml(8,28): error DBT162: column 'gas' of given ref('stg_production') does not exist in \"dev\".\"main\".\"stg_production\" (its columns: well_code, production_period, oil_kbd)", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ExpectColumnNotInModelOutput_ErrorAtCell()
    {
        var result = await RunSingleAsync(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    rows:
                      - {well_code: 1}
                expect:
                  rows:
                    - {well_code: 1, lable: W-1}
            """);

        Assert.Equal(NodeStatus.Error, result.Status);
        Assert.True(result.Message!.Contains("models/_unit_tests.yml(11,26): error DBT162: column 'lable' of expect is not a column of model 'well_label' (its columns: well_code, label)", StringComparison.Ordinal), result.Message);
    }

    [Fact]
    public async Task Build_ValueThatDoesNotCast_ErrorAtRows()
    {
        var result = await RunSingleAsync(
            """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    rows:
                      - {well_code: one}
                expect:
                  rows:
                    - {well_code: 1}
            """);

        Assert.Equal(NodeStatus.Error, result.Status);
        Assert.Contains("models/_unit_tests.yml(8,11): error DBT163: the rows of given ref('stg_production') do not fit the column types", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_ModelSqlFails_DatabaseErrorAndModelSkipped()
    {
        using var project = new UnitTestProject("wells");
        project.Write("models/_unit_tests.yml", """
            version: 2
            unit_tests:
              - name: t
                model: well_label
                given:
                  - input: ref('stg_production')
                    format: sql
                    rows: "select 'x' as other_column"
                expect:
                  rows: []
            """);

        var report = await project.RunAsync(DbtCommandKind.Build);

        var byId = report.Outcome!.Results.ToDictionary(r => r.Node.UniqueId);
        Assert.Equal(NodeStatus.Error, byId[Id].Status);
        Assert.Contains("Database Error in unit_test t (models/_unit_tests.yml)", byId[Id].Message, StringComparison.Ordinal);
        Assert.Equal(NodeStatus.Skipped, byId["model.wells.well_label"].Status);
    }

    private static async Task<NodeResult> RunSingleAsync(string yml)
    {
        using var project = new UnitTestProject("wells");
        project.Write("models/_unit_tests.yml", yml);
        var report = await project.RunAsync(DbtCommandKind.Build);
        Assert.NotNull(report.Outcome);
        Assert.Equal(1, report.ExitCode);
        return report.Outcome.Results.Single(r => r.Node.UniqueId == Id);
    }
}
