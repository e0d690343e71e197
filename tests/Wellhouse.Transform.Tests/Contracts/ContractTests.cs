using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Contracts;

/// <summary>Enforced model contracts: the query's columns and types must match the .yml's, or the model fails unbuilt.</summary>
public sealed class ContractTests
{
    private static TempProject Project(string columns)
    {
        var project = new TempProject("wellhouse-contracts-");
        project.WriteProject("contracted");
        project.Write("models/wells.sql", "{{ config(materialized='table') }}\nselect 'A' as well, 10.5 as rate");
        project.Write("models/schema.yml", "version: 2\nmodels:\n  - name: wells\n    config:\n      contract: {enforced: true}\n    columns:\n" + columns);
        return project;
    }

    [Fact]
    public async Task A_matching_contract_builds_with_types_compared_as_duckdb_names_them()
    {
        using var project = Project("      - name: well\n        data_type: text\n      - name: rate\n        data_type: decimal(3,1)\n");
        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Single(project.Query("select * from main.wells"));
    }

    [Fact]
    public async Task A_type_mismatch_a_missing_and_an_extra_column_fail_the_model_with_dbts_table()
    {
        using var project = Project("      - name: well\n        data_type: integer\n      - name: operator\n        data_type: varchar\n");
        var report = await project.RunAsync();

        var wells = report.Outcome!.Results.Single(r => r.Node.Name == "wells");
        Assert.Equal(NodeStatus.Error, wells.Status);
        Assert.Contains("This model has an enforced contract that failed.", wells.Message, StringComparison.Ordinal);
        Assert.Contains("| well | VARCHAR | INTEGER | data type mismatch |", wells.Message, StringComparison.Ordinal);
        Assert.Contains("| operator |  | VARCHAR | missing in definition |", wells.Message, StringComparison.Ordinal);
        Assert.Contains("| rate | DECIMAL(3,1) |  | missing in contract |", wells.Message, StringComparison.Ordinal);
        Assert.Empty(project.Query("select table_name from information_schema.tables where table_name = 'wells'"));
    }

    [Fact]
    public async Task An_enforced_contract_needs_every_column_typed()
    {
        using var project = Project("      - name: well\n      - name: rate\n        data_type: double\n");
        var report = await project.RunAsync();

        Assert.Contains("these columns have no data_type: well", report.Outcome!.Results.Single(r => r.Node.Name == "wells").Message, StringComparison.Ordinal);
    }
}
