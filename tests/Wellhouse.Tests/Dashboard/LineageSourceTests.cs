namespace Wellhouse.Tests.Dashboard;

/// <summary>LineageSource: the dbt project's graph read from its files.</summary>
public sealed class LineageSourceTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "wellhouse-lineage-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Build_RefsSourcesSeedsAndCSharpModels_AllEdges()
    {
        var project = LineageFixture.Write(_dir);

        var graph = Wellhouse.Dashboard.LineageSource.Build(project, [("int_curves", ["stg_wells", "prices"])]);

        Assert.Equal(["model.int_curves", "model.mart_wells", "model.stg_wells", "seed.prices", "source.raw.production"],
            graph.Nodes.Select(n => n.Id));
        Assert.Equal(
            ["model.stg_wells>model.int_curves", "model.stg_wells>model.mart_wells", "seed.prices>model.int_curves",
                "seed.prices>model.mart_wells", "source.raw.production>model.stg_wells"],
            graph.Edges.Select(e => $"{e.From}>{e.To}").Order(StringComparer.Ordinal));
        Assert.Equal(["intermediate", "marts", "staging", "seed", "source"], graph.Nodes.Select(n => n.Layer));
    }

    [Fact]
    public void Build_RefsInComments_AreNotEdges()
    {
        var project = LineageFixture.Write(_dir);

        var graph = Wellhouse.Dashboard.LineageSource.Build(project, []);

        Assert.DoesNotContain(graph.Nodes, n => n.Name is "not_a_dependency" or "also_ignored");
        Assert.Equal(3, graph.Edges.Count);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
