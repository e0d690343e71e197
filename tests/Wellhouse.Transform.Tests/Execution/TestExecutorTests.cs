using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class TestExecutorTests
{
    private static EngineHarness WithModel()
    {
        var harness = new EngineHarness();
        harness.Model("m", "select * from range(10) t(n)", "table");
        return harness;
    }

    [Fact]
    public async Task Test_NoRows_Pass()
    {
        using var harness = WithModel();
        harness.Test("t", "select * from dev.main.m where n > 100", "m");

        var outcome = await harness.RunAsync();

        Assert.Equal(NodeStatus.Pass, outcome.Results[1].Status);
        Assert.Equal(0L, outcome.Results[1].Failures);
    }

    [Fact]
    public async Task Test_RowsWithErrorSeverity_FailWithCount()
    {
        using var harness = WithModel();
        harness.Test("t", "select * from dev.main.m where n < 3", "m");

        var outcome = await harness.RunAsync();

        Assert.Equal(NodeStatus.Fail, outcome.Results[1].Status);
        Assert.Equal(3L, outcome.Results[1].Failures);
        Assert.Equal("Got 3 results, configured to fail if != 0", outcome.Results[1].Message);
        Assert.False(outcome.Success);
        Assert.Contains(harness.Log, l => l.Contains("FAIL 3 t") && l.EndsWith("s]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Test_WarnSeverity_Warn_RunSucceeds()
    {
        using var harness = WithModel();
        harness.Test("t", "select * from dev.main.m where n < 3", "m").Config["severity"] = "warn";

        var outcome = await harness.RunAsync();

        Assert.Equal(NodeStatus.Warn, outcome.Results[1].Status);
        Assert.True(outcome.Success);
    }

    [Fact]
    public async Task Test_WarnIfErrorIfThresholds_Applied()
    {
        using var harness = WithModel();
        var warn = harness.Test("warn_only", "select * from dev.main.m where n < 3", "m");
        warn.Config["warn_if"] = ">= 2";
        warn.Config["error_if"] = "> 5";
        var pass = harness.Test("under", "select * from dev.main.m where n < 3", "m");
        pass.Config["warn_if"] = "> 3";
        pass.Config["error_if"] = "> 3";

        var outcome = await harness.RunAsync();

        Assert.Equal(NodeStatus.Warn, outcome.Results.Single(r => r.Node.Name == "warn_only").Status);
        Assert.Equal(NodeStatus.Pass, outcome.Results.Single(r => r.Node.Name == "under").Status);
    }

    [Fact]
    public async Task Test_LimitAndFailCalc_Applied()
    {
        using var harness = WithModel();
        harness.Test("limited", "select * from dev.main.m", "m").Config["limit"] = 4L;
        harness.Test("summed", "select n from dev.main.m where n < 3", "m").Config["fail_calc"] = "sum(n)";

        var outcome = await harness.RunAsync();

        Assert.Equal(4L, outcome.Results.Single(r => r.Node.Name == "limited").Failures);
        Assert.Equal(3L, outcome.Results.Single(r => r.Node.Name == "summed").Failures);
    }

    [Fact]
    public async Task Test_StoreFailures_WritesAuditTable()
    {
        using var harness = WithModel();
        var test = harness.Test("t", "select * from dev.main.m where n < 2", "m");
        test.Config["store_failures"] = true;
        test.Schema = "main_dbt_test__audit";

        var outcome = await harness.RunAsync();

        Assert.Equal(NodeStatus.Fail, outcome.Results[1].Status);
        Assert.Equal(2L, harness.Scalar("select count(*) from dev.main_dbt_test__audit.t"));
    }

    [Fact]
    public async Task Test_SqlError_Error()
    {
        using var harness = WithModel();
        harness.Test("t", "select *\nfrom dev.main.m\nwhere nope = 1", "m");

        var outcome = await harness.RunAsync();

        Assert.Equal(NodeStatus.Error, outcome.Results[1].Status);
        Assert.Contains("Database Error in test t (tests/t.sql)", outcome.Results[1].Message);
        Assert.Contains("3 | where nope = 1", outcome.Results[1].Message);
    }
}
