using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class ProgressFormatterTests
{
    [Fact]
    public void Start_PadsWithDotsTo80Columns()
    {
        using var harness = new EngineHarness();
        var node = harness.Model("orders", "select 1", "table");

        var line = ProgressFormatter.Start(node, 3, 28);

        Assert.Equal("3 of 28 START sql table model main.orders " + new string('.', 80 - 42) + " [RUN]", line);
    }

    [Fact]
    public void Result_TestFailure_ShowsCountAndTime()
    {
        using var harness = new EngineHarness();
        var node = harness.Test("not_null_x", "select 1");
        var result = new NodeResult { Node = node, Status = NodeStatus.Fail, ExecutionTime = 0.123, Failures = 3 };

        var line = ProgressFormatter.Result(result, 1, 2, "FAIL 3");

        Assert.StartsWith("1 of 2 FAIL 3 not_null_x ...", line);
        Assert.EndsWith(" [FAIL 3 in 0.12s]", line);
    }

    [Fact]
    public void Summary_CountsLikeDbt()
    {
        using var harness = new EngineHarness();
        var node = harness.Model("m", "select 1");
        NodeResult Of(NodeStatus status) => new() { Node = node, Status = status };

        var summary = ProgressFormatter.Summary([Of(NodeStatus.Success), Of(NodeStatus.Pass), Of(NodeStatus.Warn), Of(NodeStatus.Fail), Of(NodeStatus.Error), Of(NodeStatus.Skipped)]);

        Assert.Equal("Done. PASS=2 WARN=1 ERROR=2 SKIP=1 NO-OP=0 TOTAL=6", summary);
    }
}
