using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class MaterializationTests
{
    [Fact]
    public async Task View_Created_SelectsRows()
    {
        using var harness = new EngineHarness();
        harness.Model("numbers", "select 1 as n union all select 2");

        var outcome = await harness.RunAsync();

        Assert.True(outcome.Success);
        Assert.Equal(2L, harness.Scalar("select count(*) from dev.main.numbers"));
        Assert.Equal("VIEW", harness.Scalar("select table_type from information_schema.tables where table_name = 'numbers'"));
    }

    [Fact]
    public async Task Table_BuiltTwice_ReplacesRowsAndLeavesNoTempRelation()
    {
        using var harness = new EngineHarness();
        var node = harness.Model("t", "select 1 as n", "table");
        await harness.RunAsync();
        node.RawCode = "select 5 as n union all select 6";

        var outcome = await harness.RunAsync();

        Assert.True(outcome.Success);
        Assert.Equal(11, Convert.ToInt32(harness.Scalar("select cast(sum(n) as integer) from dev.main.t")));
        Assert.Equal(0L, harness.Scalar("select count(*) from information_schema.tables where table_name like '%dbt_tmp%'"));
    }

    [Fact]
    public async Task Table_FailingSql_LeavesPreviousTableIntact()
    {
        using var harness = new EngineHarness();
        var node = harness.Model("t", "select 42 as n", "table");
        harness.Model("v", "select * from dev.main.t", "table", "t");
        await harness.RunAsync();
        node.RawCode = "select 1 as n\nfrom no_such_table";

        var outcome = await harness.RunAsync();

        Assert.False(outcome.Success);
        Assert.Equal(NodeStatus.Error, outcome.Results[0].Status);
        Assert.Equal(NodeStatus.Skipped, outcome.Results[1].Status);
        Assert.Equal(42, Convert.ToInt32(harness.Scalar("select n from dev.main.t")));
        Assert.Equal(42, Convert.ToInt32(harness.Scalar("select n from dev.main.v")));
    }

    [Fact]
    public async Task Model_SqlError_MessageNamesFileAndCompiledLine()
    {
        using var harness = new EngineHarness();
        harness.Model("broken", "select\n    1 as a,\n    missing_column as b\nfrom (select 1 as x)", "table");

        var outcome = await harness.RunAsync();

        var message = outcome.Results[0].Message!;
        Assert.Contains("Database Error in model broken (models/broken.sql)", message);
        Assert.Contains("missing_column", message);
        Assert.Contains("line 3:", message);
        Assert.Contains("3 |     missing_column as b", message);
    }

    [Fact]
    public async Task View_ReplacesTableOfSameName()
    {
        using var harness = new EngineHarness();
        var node = harness.Model("m", "select 1 as n", "table");
        await harness.RunAsync();
        node.Config["materialized"] = "view";

        var outcome = await harness.RunAsync();

        Assert.True(outcome.Success);
        Assert.Equal("VIEW", harness.Scalar("select table_type from information_schema.tables where table_name = 'm'"));
    }

    [Fact]
    public async Task Model_CustomSchema_SchemaCreated()
    {
        using var harness = new EngineHarness();
        var node = harness.Model("m", "select 1 as n", "table");
        node.Schema = "main_marts";

        var outcome = await harness.RunAsync();

        Assert.True(outcome.Success);
        Assert.Equal(1, Convert.ToInt32(harness.Scalar("select n from dev.main_marts.m")));
    }

    [Fact]
    public async Task Ephemeral_NeverExecuted()
    {
        using var harness = new EngineHarness();
        harness.Model("eph", "select 1 as n", "ephemeral");

        var outcome = await harness.RunAsync();

        Assert.Empty(outcome.Results);
        Assert.Equal(0L, harness.Scalar("select count(*) from information_schema.tables where table_name = 'eph'"));
    }

    [Fact]
    public async Task Compile_WritesCompiledAndRunFiles()
    {
        using var harness = new EngineHarness();
        harness.Model("m", "select 1 as n", "table");

        await harness.RunAsync();

        var compiled = File.ReadAllText(Path.Combine(harness.Directory, "target", "compiled", "proj", "models", "m.sql"));
        var run = File.ReadAllText(Path.Combine(harness.Directory, "target", "run", "proj", "models", "m.sql"));
        Assert.Equal("select 1 as n", compiled);
        Assert.Contains("create or replace table \"dev\".\"main\".\"m__dbt_tmp\" as (", run);
    }
}
