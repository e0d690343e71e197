namespace Wellhouse.Transform.Tests.RunQuery;

/// <summary>A copy of a fixture project (tests/fixtures/run_query unless named) in a temp folder, built with
/// <c>DbtRunner</c>; deleted on dispose.</summary>
internal sealed class RunQueryProject : TempProject
{
    private readonly string projectName;

    public RunQueryProject(string fixture = "run_query", string projectName = "compile_queries")
        : base("wellhouse-runquery-")
    {
        this.projectName = projectName;
        CopyTree(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", fixture), ProjectDir);
    }

    public string Directory => ProjectDir;

    public string Compiled(string model) => File.ReadAllText(Path.Combine(ProjectDir, "target", "compiled", projectName, "models", model + ".sql"));
}
