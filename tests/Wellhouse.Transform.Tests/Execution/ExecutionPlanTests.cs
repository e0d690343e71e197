using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class ExecutionPlanTests
{
    [Fact]
    public void Create_SubsetSelection_KeepsEdgesThroughUnselectedNodes()
    {
        using var harness = new EngineHarness();
        harness.Model("a", "select 1");
        harness.Model("b", "select 1", "view", "a");
        harness.Model("c", "select 1", "view", "b");

        var plan = ExecutionPlan.Create(harness.Manifest, [harness.Id("c"), harness.Id("a")], DbtCommandKind.Run);

        Assert.Equal(["a", "c"], plan.Order.Select(n => n.Name));
        Assert.Equal([harness.Id("a")], plan.Parents[harness.Id("c")]);
    }

    [Fact]
    public void Create_Build_TestPrecedesDownstreamModels()
    {
        using var harness = new EngineHarness();
        harness.Model("a", "select 1");
        harness.Model("b", "select 1", "view", "a");
        harness.Test("a_test", "select 1", "a");

        var plan = ExecutionPlan.Create(harness.Manifest, harness.Manifest.Nodes.Keys.ToList(), DbtCommandKind.Build);

        Assert.Equal(["a", "a_test", "b"], plan.Order.Select(n => n.Name));
        Assert.Contains(harness.Id("a_test"), plan.Parents[harness.Id("b")]);
    }

    [Fact]
    public void Create_Build_OrdersByDepthLevelThenUniqueIdAsDbtsGraphQueue()
    {
        using var harness = new EngineHarness();
        harness.Test("free_check", "select 1");
        harness.Model("z_model", "select 1");
        harness.Seed("raw", "id\n1\n");
        harness.Model("staged", "select 1", "view", "raw");
        harness.Test("raw_check", "select 1", "raw");

        var plan = ExecutionPlan.Create(harness.Manifest, harness.Manifest.Nodes.Keys.ToList(), DbtCommandKind.Build);

        // Level 0: model., seed., then test. ids (a test needing nothing runs after the seeds, as in dbt);
        // level 1: the seed's test; level 2: the seed's child, waiting for that test.
        Assert.Equal(["z_model", "raw", "free_check", "raw_check", "staged"], plan.Order.Select(n => n.Name));
    }

    [Fact]
    public void Create_RunCommand_NoTestEdgesAndNoTests()
    {
        using var harness = new EngineHarness();
        harness.Model("a", "select 1");
        harness.Model("b", "select 1", "view", "a");
        harness.Test("a_test", "select 1", "a");

        var plan = ExecutionPlan.Create(harness.Manifest, harness.Manifest.Nodes.Keys.ToList(), DbtCommandKind.Run);

        Assert.Equal(["a", "b"], plan.Order.Select(n => n.Name));
        Assert.Equal([harness.Id("a")], plan.Parents[harness.Id("b")]);
    }

    [Fact]
    public void Create_DisabledAndEphemeral_NotPlanned()
    {
        using var harness = new EngineHarness();
        harness.Model("eph", "select 1", "ephemeral");
        harness.Model("off", "select 1").Config["enabled"] = false;
        harness.Model("on", "select 1", "table", "eph");

        var plan = ExecutionPlan.Create(harness.Manifest, harness.Manifest.Nodes.Keys.ToList(), DbtCommandKind.Build);

        Assert.Equal(["on"], plan.Order.Select(n => n.Name));
    }
}
