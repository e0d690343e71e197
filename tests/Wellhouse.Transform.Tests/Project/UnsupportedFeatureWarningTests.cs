using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary>dbt features the engine does not carry out yet are warnings naming file and line (DBT180), never a silent skip.</summary>
public sealed class UnsupportedFeatureWarningTests
{
    [Fact]
    public void Metrics_and_semantic_models_are_warned_about_where_they_are_written()
    {
        using var project = new TempProject("wellhouse-unsupported-");
        project.WriteProject("partial", "semantic-models:\n  +enabled: true\n");
        project.Write("models/orders.sql", "select 1 as id");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: orders
            metrics:
              - name: order_count
            """);

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var warnings = result.Diagnostics.Where(d => d.Code == "DBT180").Select(d => $"{d.Span.File}:{d.Span.Line} {d.Message}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "dbt_project.yml:3 'semantic-models' is not supported yet: semantic model configs are ignored",
                "models/schema.yml:4 'metrics' is not supported yet: metrics (the semantic layer) are ignored",
            ],
            warnings);
    }
}
