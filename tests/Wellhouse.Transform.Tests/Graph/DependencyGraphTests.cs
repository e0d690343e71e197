using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Graph;

public class DependencyGraphTests
{
    [Fact]
    public void Build_Shop_OrdersParentsBeforeChildren()
    {
        var graph = DependencyGraph.Build(TestManifests.Shop());
        var order = graph.TopologicalOrder.ToList();
        Assert.Null(graph.Cycle);
        Assert.Equal(9, order.Count);
        Assert.True(order.IndexOf("source.p.raw.orders") < order.IndexOf("model.p.stg_orders"));
        Assert.True(order.IndexOf("model.p.stg_orders") < order.IndexOf("model.p.orders"));
        Assert.True(order.IndexOf("model.p.orders") < order.IndexOf("model.p.report"));
        Assert.True(order.IndexOf("model.p.customers") < order.IndexOf("test.p.assert_orders_customers"));
    }

    [Fact]
    public void Build_Shop_ParentsAndChildren()
    {
        var graph = DependencyGraph.Build(TestManifests.Shop());
        Assert.Equal(["model.p.stg_orders", "seed.p.countries"], graph.Parents("model.p.orders"));
        Assert.Equal(["model.p.report", "test.p.assert_orders_customers", "test.p.not_null_orders_id"], graph.Children("model.p.orders"));
        Assert.Equal(["model.p.orders", "model.p.report", "model.p.stg_orders", "test.p.assert_orders_customers", "test.p.not_null_orders_id"], graph.Descendants("source.p.raw.orders").Order(StringComparer.Ordinal));
        Assert.Equal(["model.p.stg_orders"], graph.Descendants("source.p.raw.orders", 1));
    }

    [Fact]
    public void Build_Cycle_ReportsClosedPath()
    {
        var manifest = new Manifest { ProjectName = "p" };
        TestManifests.Add(manifest, ResourceType.Model, "a", "models/a.sql", "model.p.c");
        TestManifests.Add(manifest, ResourceType.Model, "b", "models/b.sql", "model.p.a");
        TestManifests.Add(manifest, ResourceType.Model, "c", "models/c.sql", "model.p.b");
        TestManifests.Add(manifest, ResourceType.Model, "d", "models/d.sql", "model.p.a");
        var graph = DependencyGraph.Build(manifest);
        Assert.NotNull(graph.Cycle);
        Assert.Equal(["model.p.a", "model.p.b", "model.p.c", "model.p.a"], graph.Cycle);
        Assert.Empty(graph.TopologicalOrder);
    }
}
