using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Analyses;

/// <summary>Analyses (.sql under analysis-paths) compile to target/compiled with refs resolved, and never run.</summary>
public sealed class AnalysisTests
{
    [Fact]
    public async Task Compile_writes_an_analysis_with_its_refs_and_build_does_not_run_it()
    {
        using var project = new TempProject("wellhouse-analyses-");
        project.WriteProject("analytic");
        project.Write("models/wells.sql", "select 1 as id");
        project.Write("analyses/top_wells.sql", "select * from {{ ref('wells') }} where id > {{ var('min_id', 0) }}");

        var compile = await project.RunAsync(DbtCommandKind.Compile);
        Assert.True(compile.Success, string.Join("\n", project.Log));
        var compiled = File.ReadAllText(Path.Combine(project.ProjectDir, "target", "compiled", "analytic", "analyses", "top_wells.sql"));
        Assert.Equal("select * from \"dev\".\"main\".\"wells\" where id > 0", compiled);

        var build = await project.RunAsync();
        Assert.True(build.Success, string.Join("\n", project.Log));
        Assert.DoesNotContain(build.Outcome!.Results, r => r.Node.UniqueId == "analysis.analytic.top_wells");
        Assert.Contains("analysis.analytic.top_wells", File.ReadAllText(Path.Combine(project.ProjectDir, "target", "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compile_lists_seeds_as_successes_as_dbt_compile_does_and_builds_nothing()
    {
        using var project = new TempProject("wellhouse-analyses-");
        project.WriteProject("analytic");
        project.Write("seeds/ids.csv", "id\n1\n");
        project.Write("models/wells.sql", "select * from {{ ref('ids') }}");

        var compile = await project.RunAsync(DbtCommandKind.Compile);

        Assert.True(compile.Success, string.Join("\n", project.Log));
        Assert.Equal(["model.analytic.wells:Success", "seed.analytic.ids:Success"], compile.Outcome!.Results.Select(r => $"{r.Node.UniqueId}:{r.Status}").Order(StringComparer.Ordinal));
        Assert.Empty(project.Query("select table_name from information_schema.tables where table_name = 'ids'"));
    }
}
