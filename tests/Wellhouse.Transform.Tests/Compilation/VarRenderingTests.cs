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

    [Fact]
    public async Task An_undefined_default_is_returned_as_it_is_and_an_undefined_name_is_its_error()
    {
        // datavault4dbt's hash macro: var('datavault4dbt.hashkey_input_case_sensitive', FALSE), FALSE being undefined.
        using var project = new TempProject("wellhouse-var-undefined-");
        project.WriteProject("root");
        project.Write("models/flags.sql", "{% set flag = var('case_sensitive', FALSE) %}select {{ 1 if flag else 0 }} as flag, '{{ var('label', not_a_name) }}' as label, {{ var('n', 3) }} as n");

        Assert.True((await project.RunAsync(DbtCommandKind.Run)).Success, string.Join("\n", project.Log));
        Assert.Equal(["0", "", "3"], project.Query("select flag, label, n from main.flags").Single().Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)));

        project.Write("models/bad.sql", "select {{ var(not_a_name, 1) }} as x");
        var report = await project.RunAsync(DbtCommandKind.Run);

        Assert.False(report.Success);
        Assert.Contains(report.FormatProblems(), p => p.Contains("bad.sql", StringComparison.Ordinal) && p.Contains("'not_a_name' is undefined", StringComparison.Ordinal));
    }
}
