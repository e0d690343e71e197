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

    [Fact]
    public void A_python_model_is_warned_about_at_its_def_and_a_ref_to_it_says_why_it_is_missing()
    {
        using var project = new TempProject("wellhouse-unsupported-");
        project.WriteProject("partial");
        project.Write("models/orders.sql", "select 1 as id");
        project.Write("models/scores.py", "import pandas\n\n\ndef model(dbt, session):\n    return dbt.ref('orders').df()\n");
        project.Write("models/report.sql", "select * from {{ ref('scores') }}");

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        var warning = Assert.Single(result.Diagnostics, d => d.Code == "DBT180");
        Assert.Equal(("models/scores.py", 4, DiagnosticSeverity.Warning), (warning.Span.File, warning.Span.Line, warning.Severity));
        Assert.StartsWith("Python models are not supported: model 'scores' is not built, and a ref('scores') fails. Write it as a SQL model (models/scores.sql)", warning.Message, StringComparison.Ordinal);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("models/report.sql", "DBT200"), (error.Span.File, error.Code));
        Assert.EndsWith("which is a Python model (models/scores.py), not supported (DBT180)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("snapshot", "duckdb")]
    [InlineData("unit", "default")]
    public void A_project_materialization_for_snapshots_or_unit_tests_is_warned_about_at_its_block(string name, string adapter)
    {
        using var project = new TempProject("wellhouse-unsupported-");
        project.WriteProject("partial");
        project.Write("models/orders.sql", "select 1 as id");
        project.Write("macros/materializations.sql", $$$"""
            {% macro helper() %}1{% endmacro %}

            {% materialization {{{name}}}, {{{(adapter == "default" ? "default" : "adapter='" + adapter + "'")}}} %}
              {{ return({'relations': []}) }}
            {% endmaterialization %}
            {% materialization {{{name}}}, adapter='postgres' %}
              {{ return({'relations': []}) }}
            {% endmaterialization %}
            """);

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "DBT180");
        Assert.Equal(("macros/materializations.sql", 3), (warning.Span.File, warning.Span.Line));
        Assert.StartsWith($"materialization '{name}' (adapter '{adapter}') replaces dbt's materialization of", warning.Message, StringComparison.Ordinal);
    }
}
