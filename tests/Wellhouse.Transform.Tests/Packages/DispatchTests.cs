using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Packages;

/// <summary><c>adapter.dispatch</c> with dbt's search order: the root project's <c>dispatch:</c>, else [root, namespace]; duckdb__ then default__.</summary>
public sealed class DispatchTests : IDisposable
{
    private readonly PackageFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    private string Compile(string sql, string? dispatch = null)
    {
        File.WriteAllText(Path.Combine(fixture.ProjectDir, "models", "probe.sql"), sql);
        if (dispatch is not null)
        {
            var projectFile = Path.Combine(fixture.ProjectDir, "dbt_project.yml");
            var text = File.ReadAllText(projectFile);
            var start = text.IndexOf("dispatch:", StringComparison.Ordinal);
            var end = text.IndexOf("models:", StringComparison.Ordinal);
            File.WriteAllText(projectFile, text[..start] + dispatch + "\n" + text[end..]);
        }

        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = fixture.ProjectDir, ProfilesDir = fixture.ProjectDir, Environment = new Dictionary<string, string>() });
        if (!load.Success)
        {
            // dbt renders every model while parsing, so a dispatch that finds nothing fails there.
            return string.Join("\n", load.Diagnostics.Select(d => d.Code + ": " + d.Message));
        }

        var result = new Compiler(load.Project!).Compile(load.Project!.Manifest.Nodes["model.pkg_root.probe"]);
        return result.CompiledCode ?? string.Join("\n", result.Diagnostics.Select(d => d.Code + ": " + d.Message));
    }

    [Fact]
    public void Dispatch_SearchOrderFromTheRootConfig_FindsTheRootOverride() =>
        Assert.Equal("root greeting", Compile("{{ helper_pkg.greeting() }}"));

    [Fact]
    public void Dispatch_SearchOrderOfThePackageOnly_SkipsTheRootOverride() =>
        Assert.Equal("package greeting", Compile("{{ helper_pkg.greeting() }}", "dispatch:\n  - macro_namespace: helper_pkg\n    search_order: [helper_pkg]"));

    [Fact]
    public void Dispatch_NoConfig_SearchesTheRootProjectThenTheNamespace() =>
        Assert.Equal("root greeting", Compile("{{ helper_pkg.greeting() }}", "dispatch: []"));

    [Fact]
    public void Dispatch_DuckdbPrefix_WinsOverDefaultInTheSamePackage()
    {
        File.WriteAllText(Path.Combine(fixture.ProjectDir, "macros", "duck.sql"), "{% macro duckdb__greeting() %}duck greeting{% endmacro %}");

        Assert.Equal("duck greeting", Compile("{{ helper_pkg.greeting() }}"));
    }

    [Fact]
    public void Dispatch_NothingFound_ListsWhatWasSearched()
    {
        var message = Compile("{{ adapter.dispatch('nowhere', 'helper_pkg')() }}");

        Assert.Equal(
            "DBT302: In dispatch: No macro named 'nowhere' found within namespace: 'helper_pkg'\n    Searched for: 'pkg_root.duckdb__nowhere', 'pkg_root.default__nowhere', 'helper_pkg.duckdb__nowhere', 'helper_pkg.default__nowhere'",
            message);
    }

    [Fact]
    public void Dispatch_DottedName_SuggestsTheNamespaceArgument() =>
        Assert.Contains("Did you mean `adapter.dispatch(\"greeting\", macro_namespace=\"helper_pkg\")`?", Compile("{{ adapter.dispatch('helper_pkg.greeting')() }}"), StringComparison.Ordinal);

    [Fact]
    public void Dispatch_NoNamespace_SearchesTheNodesOwnNamespace() =>
        Assert.Equal("root greeting", Compile("{{ adapter.dispatch('greeting')() }}"));
}
