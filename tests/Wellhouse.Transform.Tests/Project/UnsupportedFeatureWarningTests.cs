using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary>dbt features the engine does not carry out yet are warnings naming file and line (DBT180), never a silent skip.</summary>
public sealed class UnsupportedFeatureWarningTests
{
    [Fact]
    public void User_defined_functions_are_warned_about_where_they_are_written()
    {
        using var project = new TempProject("wellhouse-unsupported-");
        project.WriteProject("partial");
        project.Write("models/orders.sql", "select 1 as id");
        project.Write("models/schema.yml", """
            version: 2
            models:
              - name: orders
            functions:
              - name: double_it
            """);

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "DBT180");
        Assert.Equal("models/schema.yml:4 'functions' is not supported yet: user-defined functions are not created", $"{warning.Span.File}:{warning.Span.Line} {warning.Message}");
    }
}
