using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary>
/// A schema file's top-level <c>data_tests:</c> describes singular tests (dbt 1.9+'s SingularTestPatchParser): the
/// entry's description and config apply to the test of that name, and an entry naming no singular test is dbt's
/// "Did not find matching node for patch" warning at its line.
/// </summary>
public sealed class SingularTestPatchTests
{
    [Fact]
    public async Task A_data_tests_entry_configures_and_describes_its_singular_test()
    {
        using var project = new TempProject("wellhouse-singular-patch-");
        project.WriteProject("patched");
        project.Write("models/wells.sql", "select 1 as id union all select 2");
        project.Write("tests/no_big_ids.sql", "select * from {{ ref('wells') }} where id > 1");
        project.Write("tests/schema.yml", """
            version: 2
            data_tests:
              - name: no_big_ids
                description: Ids stay small.
                config:
                  severity: warn
                  tags: [ids]
            """);

        var report = await project.RunAsync();

        Assert.True(report.Success, string.Join("\n", project.Log));
        var test = report.Outcome!.Results.Single(r => r.Node.UniqueId == "test.patched.no_big_ids");
        Assert.Equal(NodeStatus.Warn, test.Status);
        Assert.Equal("Ids stay small.", test.Node.Description);
        Assert.Contains("ids", test.Node.Config.Tags);
        Assert.Equal("patched://tests/schema.yml", test.Node.PatchPath);
    }

    [Fact]
    public void A_data_tests_entry_naming_no_singular_test_is_a_warning_at_its_line()
    {
        using var project = new TempProject("wellhouse-singular-patch-");
        project.WriteProject("patched");
        project.Write("models/wells.sql", "select 1 as id");
        project.Write("tests/no_big_ids.sql", "select * from {{ ref('wells') }} where id > 1");
        project.Write("tests/schema.yml", """
            version: 2
            data_tests:
              - name: no_big_ids
              - name: no_small_ids
                description: there is no such file
            """);

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var warning = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning);
        Assert.Equal(("tests/schema.yml", 4), (warning.Span.File, warning.Span.Line));
        Assert.StartsWith("Did not find matching node for patch with name 'no_small_ids' in the 'data_tests' section of file 'tests/schema.yml'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_in_a_data_tests_entry_is_an_error_at_the_key()
    {
        using var project = new TempProject("wellhouse-singular-patch-");
        project.WriteProject("patched");
        project.Write("tests/no_rows.sql", "select 1 where false");
        project.Write("tests/schema.yml", """
            version: 2
            data_tests:
              - name: no_rows
                columns_typo: []
            """);

        var result = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.ProjectDir, ProfilesDir = project.ProjectDir });

        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(("tests/schema.yml", 4, "DBT101"), (error.Span.File, error.Span.Line, error.Code));
    }
}
