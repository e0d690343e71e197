using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class SeedLoaderTests
{
    [Fact]
    public async Task Seed_InfersAgateTypes_AndEmptyIsNull()
    {
        using var harness = new EngineHarness();
        harness.Seed("s", "i,n,d,ts,b,t,e\n1,1.5,2024-01-31,2024-01-31 10:00:00,true,abc,\n2,,2024-02-01,2024-02-01T11:30:00,False,,\n");

        var outcome = await harness.RunAsync(DbtCommandKind.Seed);

        Assert.True(outcome.Success, outcome.Results[0].Message);
        var types = harness.Query("select column_name, data_type from information_schema.columns where table_name = 's' order by ordinal_position")
            .Select(r => (string)r[1]!).ToList();
        // An all-empty column is integer: agate's type tester keeps every type for it and picks the first (dbt's order).
        Assert.Equal(["INTEGER", "DOUBLE", "DATE", "TIMESTAMP", "BOOLEAN", "VARCHAR", "INTEGER"], types);
        Assert.Equal(1L, harness.Scalar("select count(*) from dev.main.s where n is null and t is null and b = false"));
        Assert.Equal("INSERT 2", outcome.Results[0].Message);
    }

    [Fact]
    public async Task Seed_ColumnTypesOverride_Used()
    {
        using var harness = new EngineHarness();
        var node = harness.Seed("s", "code,amount\n007,1.25\n");
        node.Config["column_types"] = new Dictionary<string, object?> { ["code"] = "varchar", ["amount"] = "decimal(10,2)" };

        await harness.RunAsync(DbtCommandKind.Seed);

        Assert.Equal("007", harness.Scalar("select code from dev.main.s"));
        Assert.Equal("DECIMAL(10,2)", harness.Scalar("select data_type from information_schema.columns where column_name = 'amount'"));
    }

    [Fact]
    public async Task Seed_BadValueForDeclaredType_ReportsFileLineColumn()
    {
        using var harness = new EngineHarness();
        var node = harness.Seed("s", "id,amount\n1,2.5\n2,lots\n");
        node.Config["column_types"] = new Dictionary<string, object?> { ["amount"] = "double" };

        var outcome = await harness.RunAsync(DbtCommandKind.Seed);

        Assert.False(outcome.Success);
        Assert.Contains("seeds/s.csv(3,2): error SEED001: value 'lots' in column 'amount' is not a valid double", outcome.Results[0].Message);
        Assert.Equal(0L, harness.Scalar("select count(*) from information_schema.tables where table_name = 's'"));
    }

    [Fact]
    public async Task Seed_RaggedRow_ReportsFile()
    {
        using var harness = new EngineHarness();
        harness.Seed("s", "a,b\n1,2\n3\n");

        var outcome = await harness.RunAsync(DbtCommandKind.Seed);

        Assert.Equal(NodeStatus.Error, outcome.Results[0].Status);
        Assert.Contains("seeds/s.csv", outcome.Results[0].Message);
    }

    [Fact]
    public async Task Seed_MissingFile_ReportsFile()
    {
        using var harness = new EngineHarness();
        harness.Seed("s", "a\n1\n");
        File.Delete(Path.Combine(harness.Directory, "seeds", "s.csv"));

        var outcome = await harness.RunAsync(DbtCommandKind.Seed);

        Assert.Equal(NodeStatus.Error, outcome.Results[0].Status);
        Assert.Contains("seeds/s.csv: cannot read seed file", outcome.Results[0].Message);
    }

    [Fact]
    public async Task Seed_Delimiter_Semicolon()
    {
        using var harness = new EngineHarness();
        var node = harness.Seed("s", "a;b\n1;x\n");
        node.Config["delimiter"] = ";";

        await harness.RunAsync(DbtCommandKind.Seed);

        Assert.Equal("x", harness.Scalar("select b from dev.main.s where a = 1"));
    }

    [Fact]
    public async Task Seed_ReloadWithoutFullRefresh_TruncatesAndKeepsTypes_FullRefreshRecreates()
    {
        using var harness = new EngineHarness();
        var node = harness.Seed("s", "a\n1\n2\n");
        await harness.RunAsync(DbtCommandKind.Seed);
        File.WriteAllText(Path.Combine(harness.Directory, node.OriginalFilePath), "a\n3\n");
        await harness.RunAsync(DbtCommandKind.Seed);
        Assert.Equal(1L, harness.Scalar("select count(*) from dev.main.s"));

        File.WriteAllText(Path.Combine(harness.Directory, node.OriginalFilePath), "a,b\nx,y\n");
        var withoutRefresh = await harness.RunAsync(DbtCommandKind.Seed);
        var withRefresh = await harness.RunAsync(DbtCommandKind.Seed, fullRefresh: true);

        Assert.False(withoutRefresh.Success);
        Assert.True(withRefresh.Success);
        Assert.Equal("y", harness.Scalar("select b from dev.main.s"));
    }

    [Fact]
    public async Task Seed_QuoteColumns_KeepsNamesWithSpaces()
    {
        using var harness = new EngineHarness();
        var node = harness.Seed("s", "first name\nAda\n");
        node.Config["quote_columns"] = true;

        var outcome = await harness.RunAsync(DbtCommandKind.Seed);

        Assert.True(outcome.Success, outcome.Results[0].Message);
        Assert.Equal("Ada", harness.Scalar("select \"first name\" from dev.main.s"));
    }
}
