using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Compilation;

/// <summary>dbt renders a var's Jinja string when <c>var()</c> reads it (dbt_project.yml vars are not rendered when the
/// file is read), so <c>"{{ 500 if target.type == 'bigquery' else 10000 }}" | int</c> is 10000, not 0.</summary>
public sealed class VarRenderingTests
{
    [Fact]
    public async Task A_templated_var_is_rendered_when_read_in_the_root_project_and_in_a_package()
    {
        using var project = new TempProject("wellhouse-var-render-");
        project.WriteProject("root", """
            vars:
              batch: "{{ 5 if target.type == 'duckdb' else 7 }}"
            """);
        project.Write("packages.yml", "packages:\n  - local: pkg\n");
        project.Write("pkg/dbt_project.yml", """
            name: pkg
            vars:
              page_size: "{{ 500 if target.type in ['bigquery'] else 10000 }}"
            """);
        project.Write("pkg/models/paged.sql", "select '{{ var('page_size') | int // 100 }}' as pages");
        project.Write("models/doubled.sql", "select '{{ var('batch') | int * 2 }}' as doubled, '{{ var('batch') }}' as raw");
        var deps = Wellhouse.Transform.Project.Packages.DepsInstaller.Run(new Wellhouse.Transform.Project.Packages.DepsOptions { ProjectDir = project.ProjectDir, Environment = new Dictionary<string, string>() }, TestContext.Current.CancellationToken);
        Assert.True(deps.Success, string.Join("\n", deps.Diagnostics));

        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.True(report.Success, string.Join("\n", project.Log));
        Assert.Equal(["10", "5"], project.Query("select doubled, raw from main.doubled").Single());
        Assert.Equal("100", project.Query("select pages from main.paged").Single()[0]);
    }
}
