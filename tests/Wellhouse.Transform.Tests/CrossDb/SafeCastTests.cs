using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.CrossDb;

/// <summary>dbt.safe_cast on DuckDB is dbt's default, a plain cast, as dbt-duckdb keeps it (it has no safe_cast of its
/// own): a value that does not cast fails the model, as it does on dbt-duckdb.</summary>
public sealed class SafeCastTests
{
    [Fact]
    public async Task A_value_that_does_not_cast_fails_the_model_as_on_dbt_duckdb()
    {
        using var project = new TempProject("wellhouse-safe-cast-");
        project.WriteProject("casts");
        project.Write("models/good.sql", "select {{ dbt.safe_cast(\"'42'\", dbt.type_int()) }} as n");
        project.Write("models/bad.sql", "{{ config(materialized='table') }} select {{ safe_cast(\"'abc'\", 'integer') }} as n");

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.Equal([[42]], project.Query("select n from main.good"));
        var bad = report.Outcome!.Results.Single(r => r.Node.Name == "bad");
        Assert.Equal(NodeStatus.Error, bad.Status);
        Assert.Contains("Conversion Error", bad.Message, StringComparison.Ordinal);
        Assert.Contains("cast('abc' as integer)", File.ReadAllText(Path.Combine(project.ProjectDir, "target", "compiled", "casts", "models", "bad.sql")), StringComparison.Ordinal);
    }
}
