using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.RunQuery;

/// <summary>tests/fixtures/run_query built end to end: models whose Jinja queries the database while compiling.</summary>
public sealed class RunQueryFixtureTests : IDisposable
{
    private readonly RunQueryProject project = new();

    public void Dispose() => project.Dispose();

    private async Task BuildOkAsync(int? threads = null)
    {
        var report = await project.RunAsync(threads: threads);
        Assert.True(report.Success, string.Join("\n", project.Log.Concat(report.FormatProblems())));
    }

    [Fact]
    public async Task Build_PivotOverDistinctValues_HasOneColumnPerMethod()
    {
        await BuildOkAsync();

        var columns = project.Query("select column_name from information_schema.columns where table_name = 'payments_by_method' order by ordinal_position");
        Assert.Equal(
            ["order_id", "bank_transfer_amount", "coupon_amount", "credit_card_amount", "gift_card_amount", "total_amount"],
            columns.Select(r => (string)r[0]!));
        var order2 = Assert.Single(project.Query("select coupon_amount, credit_card_amount, total_amount from main.payments_by_method where order_id = 2"));
        Assert.Equal([2.5, 7.5, 10.0], order2.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Build_StatementAndLoadResult_RenderDataTableAndValues()
    {
        await BuildOkAsync();

        var row = Assert.Single(project.Query("select payments, total, last_paid, first_method, column_names, compiled_with_execute, answer, response, never_stored_is_none from main.payment_stats"));
        Assert.Equal(6, Convert.ToInt64(row[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(46.0, Convert.ToDouble(row[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2024-02-03", row[2]);
        Assert.Equal("bank_transfer", row[3]);
        Assert.Equal("payments|total|last_paid|first_method", row[4]);
        Assert.Equal(true, row[5]);
        Assert.Equal(42, Convert.ToInt64(row[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("OK", row[7]);
        Assert.Equal(true, row[8]);

        // An integer column renders as dbt's agate Integer (6), a double sum as a Decimal of its repr (46.0).
        var compiled = project.Compiled("payment_stats");
        Assert.Contains("6 as payments", compiled, StringComparison.Ordinal);
        Assert.Contains("46.0 as total", compiled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_GetColumnsInRelation_BuildsSelectList()
    {
        await BuildOkAsync();

        var compiled = project.Compiled("payments_slim");
        Assert.Contains("select \"payment_id\", \"payment_method\", \"amount\"\nfrom", compiled, StringComparison.Ordinal);
        Assert.Contains("where 7 = 7", compiled, StringComparison.Ordinal);
        var columns = project.Query("select column_name from information_schema.columns where table_name = 'payments_slim' order by ordinal_position");
        Assert.Equal(["payment_id", "payment_method", "amount"], columns.Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Build_GetRelationLoadRelationAndPrintTable_AnswerFromTheDatabase()
    {
        await BuildOkAsync();

        var row = Assert.Single(project.Query("select seed_is_table, missing_is_none, loaded_identifier, payments, ratio, row_count from main.relation_checks"));
        Assert.Equal([true, true, "payments", 6, "1.5", 1], row.Select(v => v is long or int ? (object?)Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : v));
        var table = string.Join("\n", project.Log);
        Assert.Contains("| n | ratio |\n| - | ----- |\n| 6 |   1.5 |", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_RelationsFoundByPattern_AreUnioned()
    {
        await BuildOkAsync();

        var rows = project.Query("select source_table, count(*), sum(reading) from main.readings_union group by 1 order by 1");
        Assert.Equal(["readings_2023:2:3", "readings_2024:2:7"], rows.Select(r => string.Join(':', r)));
        var compiled = project.Compiled("readings_union");
        Assert.Contains("from \"dev\".\"main\".\"readings_2024\"", compiled, StringComparison.Ordinal);
        Assert.Contains("-- schemas: main True False", compiled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_TwoThreads_SameTablesAsOneThread()
    {
        await BuildOkAsync(threads: 2);
        var parallel = project.Query("select * from main.payments_by_method order by order_id").Select(r => string.Join(',', r)).ToList();

        await BuildOkAsync(threads: 1);
        var serial = project.Query("select * from main.payments_by_method order by order_id").Select(r => string.Join(',', r)).ToList();

        Assert.Equal(4, serial.Count);
        Assert.Equal(serial, parallel);
    }

    [Fact]
    public async Task Build_SqlErrorInRunQuery_FailsNodeWithDatabaseMessageAndCallLine()
    {
        var report = await project.RunAsync(vars: "broken_query: true");

        Assert.Equal(1, report.ExitCode);
        var failed = Assert.Single(report.Outcome!.Results, r => r.Status == NodeStatus.Error);
        Assert.Equal("relation_checks", failed.Node.Name);
        Assert.StartsWith("Database Error in model relation_checks (models/relation_checks.sql)", failed.Message, StringComparison.Ordinal);
        Assert.Contains("models/relation_checks.sql(21,", failed.Message, StringComparison.Ordinal);
        Assert.Contains("error DBT310: database error in run_query: Catalog Error: Table with name no_such_table does not exist", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", failed.Message, StringComparison.Ordinal);
        Assert.All(report.Outcome.Results.Where(r => r.Node.Name != "relation_checks"), r => Assert.Equal(NodeStatus.Success, r.Status));
    }

    [Fact]
    public async Task Build_RefSeenOnlyWhileExecuting_FailsWithDependsOnHint()
    {
        var report = await project.RunAsync(vars: "undeclared_ref: true");

        var failed = Assert.Single(report.Outcome!.Results, r => r.Status == NodeStatus.Error);
        Assert.Equal("relation_checks", failed.Node.Name);
        Assert.Contains("models/relation_checks.sql(24,", failed.Message, StringComparison.Ordinal);
        Assert.Contains("error DBT200: dbt was unable to infer all dependencies for the model \"relation_checks\"", failed.Message, StringComparison.Ordinal);
        Assert.Contains("-- depends_on: {{ ref('payments_slim') }}", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_LoadResultTwice_FailsAsDbtDoes()
    {
        var report = await project.RunAsync(vars: "load_twice: true");

        var failed = Assert.Single(report.Outcome!.Results, r => r.Status == NodeStatus.Error);
        Assert.Equal("payment_stats", failed.Node.Name);
        Assert.Contains("models/payment_stats.sql(30,", failed.Message, StringComparison.Ordinal);
        Assert.Contains("error DBT311: The 'statement' result named 'stats' has already been loaded into a variable", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RunQueryModels_ParseWithoutTheDatabase()
    {
        var load = ProjectLoader.Load(new ProjectLoadOptions { ProjectDir = project.Directory, ProfilesDir = project.Directory });

        Assert.True(load.Success, string.Join("\n", load.Diagnostics.Select(d => d.Format(project.Directory))));
        Assert.Equal(["seed.compile_queries.payments"], load.Project!.Manifest.Nodes["model.compile_queries.payments_by_method"].DependsOnNodes);
        Assert.Contains("macro.compile_queries.get_column_values", load.Project.Manifest.Nodes["model.compile_queries.payments_by_method"].DependsOnMacros);
        Assert.False(File.Exists(project.DatabasePath));
    }
}
