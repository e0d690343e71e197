using System.Text.Json;
using Wellhouse.Testing;

namespace Wellhouse.Tests.Cli;

public sealed class JaffleShopBuildTests
{
    [Fact]
    public async Task Build_JaffleShop_EveryTestPassesAndTablesReadBack()
    {
        using var project = new FixtureProject("jaffle_shop");

        var exit = await project.RunAsync("build");

        var output = project.Output.ToString();
        Assert.True(exit == 0, output + project.Error);
        Assert.Matches(@"Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=\d+", output);
        Assert.DoesNotContain("FAIL", output);
        var database = project.DatabasePath("jaffle_shop.duckdb");
        Assert.Equal(8L, DuckDbReader.Scalar(database, "select count(*) from main.customers"));
        Assert.Equal(12L, DuckDbReader.Scalar(database, "select count(*) from main.orders"));
        Assert.Equal(
            [9L, 0.0, 23.0, 23.0],
            DuckDbReader.Query(database, "select order_id, bank_transfer_amount, gift_card_amount, amount from main.orders where order_id = 9")[0]
                .Select(v => v is long or int ? Convert.ToInt64(v) : (object)Convert.ToDouble(v)));
        Assert.Equal(61.0, Convert.ToDouble(DuckDbReader.Scalar(database, "select customer_lifetime_value from main.customers where customer_id = 1")));
        Assert.Equal("VIEW", DuckDbReader.Scalar(database, "select table_type from information_schema.tables where table_name = 'stg_orders'"));
    }

    [Fact]
    public async Task Build_JaffleShop_WritesRunResultsAndManifest()
    {
        using var project = new FixtureProject("jaffle_shop");

        await project.RunAsync("build", "--threads", "2");

        using var runResults = JsonDocument.Parse(File.ReadAllText(Path.Combine(project.Directory, "target", "run_results.json")));
        var root = runResults.RootElement;
        Assert.Equal("https://schemas.getdbt.com/dbt/run-results/v6.json", root.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Contains(results, r => r.GetProperty("unique_id").GetString() == "model.jaffle_shop.orders" && r.GetProperty("status").GetString() == "success");
        Assert.All(results.Where(r => r.GetProperty("unique_id").GetString()!.StartsWith("test.", StringComparison.Ordinal)), r => Assert.Equal("pass", r.GetProperty("status").GetString()));
        Assert.Equal(["compile", "execute"], results[0].GetProperty("timing").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.True(File.Exists(Path.Combine(project.Directory, "target", "manifest.json")));
        Assert.True(File.Exists(Path.Combine(project.Directory, "target", "compiled", "jaffle_shop", "models", "orders.sql")));
        Assert.True(File.Exists(Path.Combine(project.Directory, "target", "run", "jaffle_shop", "models", "orders.sql")));
        Assert.Contains("credit_card_amount", File.ReadAllText(Path.Combine(project.Directory, "target", "compiled", "jaffle_shop", "models", "orders.sql")));
    }
}
