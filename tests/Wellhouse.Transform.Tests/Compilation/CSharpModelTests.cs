using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Compilation;

public class CSharpModelTests
{
    private sealed class FakeModel(string name, params string[] dependsOn) : ICSharpModel
    {
        public string Name { get; } = name;

        public IReadOnlyList<string> DependsOn { get; } = dependsOn;

        public Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    [Fact]
    public void Load_RegisteredAndDeclared_BecomesCSharpTableNode()
    {
        var models = new Dictionary<string, ICSharpModel> { ["decline_fits"] = new FakeModel("decline_fits", "wells") };
        var project = Fixtures.LoadOk("csharp", csharp: models);
        var node = project.Manifest.Nodes["model.csharp.decline_fits"];
        Assert.Equal("csharp", node.Language);
        Assert.Equal("table", node.Config.Materialized);
        Assert.Equal(["model.csharp.wells"], node.DependsOnNodes);
        Assert.Equal("Fitted decline parameters per well.", node.Description);
        Assert.Same(models["decline_fits"], project.CSharpModels["model.csharp.decline_fits"]);
        Assert.Equal(["model.csharp.decline_fits"], project.Manifest.Nodes["model.csharp.fit_summary"].DependsOnNodes);
        Assert.Contains(project.Manifest.Nodes.Values, n => n.Name == "not_null_decline_fits_well_id" && n.DependsOnNodes.SequenceEqual(["model.csharp.decline_fits"]));
        Assert.Equal(string.Empty, new Wellhouse.Transform.Compilation.Compiler(project).Compile(node).CompiledCode);
    }

    [Fact]
    public void Load_DeclaredNotRegistered_WarnsAndTheRefFails()
    {
        var result = Fixtures.Load("csharp", csharp: new Dictionary<string, ICSharpModel> { ["other"] = new FakeModel("other") });
        Assert.False(result.Success);
        var notRegistered = Assert.Single(result.Diagnostics, d => d.Code == "DBT130");
        Assert.Equal(DiagnosticSeverity.Warning, notRegistered.Severity);
        Assert.Equal(new SourceSpan("models/schema.yml", 3, 5), notRegistered.Span);
        Assert.Equal("model 'decline_fits' is declared here but has no .sql file and no registered C# model", notRegistered.Message);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("decline_fits"));
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.Contains("'other'"));
    }
}
