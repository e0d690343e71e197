using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class RunnerTests
{
    private static EngineHarness Diamond()
    {
        var harness = new EngineHarness();
        harness.Seed("raw", "id,v\n1,10\n2,20\n");
        harness.Model("a", "select * from dev.main.raw", "view", "raw");
        harness.Model("b", "select id, v * 2 as v from dev.main.a", "table", "a");
        harness.Model("c", "select id, v + 1 as v from dev.main.a", "table", "a");
        harness.Model("d", "select b.id, b.v + c.v as v from dev.main.b join dev.main.c using (id)", "table", "b", "c");
        harness.Test("a_positive", "select * from dev.main.a where v <= 0", "a");
        return harness;
    }

    [Fact]
    public async Task Build_RunsSeedsModelsTestsInDagOrder()
    {
        using var harness = Diamond();

        var outcome = await harness.RunAsync();

        Assert.True(outcome.Success);
        Assert.Equal(["raw", "a", "a_positive", "b", "c", "d"], outcome.Results.Select(r => r.Node.Name));
        Assert.Equal(92L, Convert.ToInt64(harness.Scalar("select sum(v)::bigint from dev.main.d")));
        Assert.Equal("Done. PASS=6 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=6", harness.Log[^1]);
        Assert.Contains(harness.Log, l => l.StartsWith("1 of 6 START seed file main.raw ", StringComparison.Ordinal) && l.EndsWith(" [RUN]", StringComparison.Ordinal));
        Assert.Contains(harness.Log, l => l.StartsWith("4 of 6 OK created sql table model main.b ...", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_FailedErrorTest_SkipsDownstream()
    {
        using var harness = Diamond();
        harness.Test("a_fails", "select * from dev.main.a", "a");

        var outcome = await harness.RunAsync();

        var statuses = outcome.Results.ToDictionary(r => r.Node.Name, r => r.Status);
        Assert.Equal(NodeStatus.Fail, statuses["a_fails"]);
        Assert.Equal(NodeStatus.Pass, statuses["a_positive"]);
        Assert.Equal(NodeStatus.Skipped, statuses["b"]);
        Assert.Equal(NodeStatus.Skipped, statuses["d"]);
        Assert.False(outcome.Success);
        Assert.Equal("Done. PASS=3 WARN=0 ERROR=1 SKIP=3 NO-OP=0 TOTAL=7", harness.Log[^1]);
    }

    [Fact]
    public async Task Build_FailedModel_SkipsDescendantsAndTheirTests_NotSiblings()
    {
        using var harness = Diamond();
        harness.Manifest.Nodes["model.proj.b"].RawCode = "select nope";
        harness.Test("d_test", "select * from dev.main.d where false", "d");

        var outcome = await harness.RunAsync();

        var statuses = outcome.Results.ToDictionary(r => r.Node.Name, r => r.Status);
        Assert.Equal(NodeStatus.Error, statuses["b"]);
        Assert.Equal(NodeStatus.Success, statuses["c"]);
        Assert.Equal(NodeStatus.Skipped, statuses["d"]);
        Assert.Equal(NodeStatus.Skipped, statuses["d_test"]);
    }

    [Fact]
    public async Task Build_RelationshipsStyleTest_DoesNotCreateCycle()
    {
        using var harness = new EngineHarness();
        harness.Model("customers", "select 1 as id", "table");
        harness.Model("orders", "select 1 as customer_id from dev.main.customers", "table", "customers");
        harness.Test("rel", "select * from dev.main.orders where customer_id not in (select id from dev.main.customers)", "orders", "customers");
        harness.Model("report", "select * from dev.main.orders", "table", "orders");

        var outcome = await harness.RunAsync();

        Assert.True(outcome.Success);
        var order = outcome.Results.Select(r => r.Node.Name).ToList();
        Assert.True(order.IndexOf("rel") < order.IndexOf("report"));
    }

    [Fact]
    public async Task Build_FourThreads_SameResultsAsOne()
    {
        using var one = Diamond();
        using var four = Diamond();
        for (var i = 0; i < 8; i++)
        {
            one.Model("leaf" + i, $"select {i} as k, * from dev.main.d", "table", "d");
            four.Model("leaf" + i, $"select {i} as k, * from dev.main.d", "table", "d");
        }

        var sequential = await one.RunAsync(threads: 1);
        var parallel = await four.RunAsync(threads: 4);

        Assert.Equal(sequential.Results.Select(r => (r.Node.Name, r.Status)), parallel.Results.Select(r => (r.Node.Name, r.Status)));
        Assert.Equal(one.Scalar("select sum(k * v)::bigint from dev.main.leaf7"), four.Scalar("select sum(k * v)::bigint from dev.main.leaf7"));
        Assert.Contains(parallel.Results, r => r.ThreadId != "Thread-1 (worker)");
    }

    [Fact]
    public async Task Build_FailFast_SkipsEverythingAfterFirstFailure()
    {
        using var harness = new EngineHarness();
        harness.Model("bad", "select nope", "table");
        harness.Model("independent1", "select 1 as x", "table");
        harness.Model("independent2", "select 2 as x", "table");

        var outcome = await harness.RunAsync(failFast: true);

        Assert.Equal(NodeStatus.Error, outcome.Results[0].Status);
        Assert.All(outcome.Results.Skip(1), r => Assert.Equal(NodeStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task Run_OnlyModels_TestCommandOnlyTests()
    {
        using var harness = Diamond();

        var run = await harness.RunAsync(DbtCommandKind.Run, selected: [.. harness.Manifest.Nodes.Keys.Where(k => !k.StartsWith("seed", StringComparison.Ordinal))]);
        Assert.All(run.Results, r => Assert.Equal(ResourceType.Model, r.Node.ResourceType));
    }

    [Fact]
    public async Task Build_Cancelled_SkipsRemainingAndReportsCancelled()
    {
        using var harness = Diamond();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var outcome = await harness.RunCancellableAsync(cancellation.Token);

        Assert.True(outcome.Cancelled);
        Assert.False(outcome.Success);
        Assert.All(outcome.Results, r => Assert.Equal(NodeStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task Build_CSharpModel_WritesTableAndSwaps()
    {
        using var harness = Diamond();
        harness.CSharpModel(new DoublingModel());

        var outcome = await harness.RunAsync();

        Assert.True(outcome.Success, string.Join("\n", outcome.Results.Select(r => r.Message)));
        Assert.Equal(2L, harness.Scalar("select count(*) from dev.main.doubled"));
        Assert.Equal(40L, Convert.ToInt64(harness.Scalar("select max(v2) from dev.main.doubled")));
    }

    [Fact]
    public async Task Build_CSharpModelThrows_PreviousTableKept()
    {
        using var harness = Diamond();
        var model = new DoublingModel();
        harness.CSharpModel(model);
        await harness.RunAsync();
        model.Fail = true;

        var outcome = await harness.RunAsync();

        Assert.Equal(NodeStatus.Error, outcome.Results.Single(r => r.Node.Name == "doubled").Status);
        Assert.Contains("boom", outcome.Results.Single(r => r.Node.Name == "doubled").Message);
        Assert.Equal(2L, harness.Scalar("select count(*) from dev.main.doubled"));
    }

    private sealed class DoublingModel : ICSharpModel
    {
        public bool Fail { get; set; }

        public string Name => "doubled";

        public IReadOnlyList<string> DependsOn => ["a"];

        public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
        {
            if (Fail)
            {
                throw new InvalidOperationException("boom");
            }

            ModelColumn[] columns = [ModelColumn.Integer("id"), ModelColumn.Double("v2")];
            await context.CreateTargetAsync(columns, cancellationToken);
            using var reader = context.Read($"select id, v from {context.Ref("a")} order by id", cancellationToken);
            using var writer = context.OpenWriter(columns);
            while (reader.Read())
            {
                writer.StartRow();
                writer.Write(reader.GetInt32(0));
                writer.Write(reader.GetDouble(1) * 2);
            }

            writer.Complete();
        }
    }
}
