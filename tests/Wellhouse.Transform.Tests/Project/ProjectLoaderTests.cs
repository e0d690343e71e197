using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Project;

public class ProjectLoaderTests
{
    private static Node Node(Manifest manifest, string id) => manifest.Nodes[id];

    [Fact]
    public void Load_Basic_FindsEveryNode()
    {
        var project = Fixtures.LoadOk("basic");
        var nodes = project.Manifest.Nodes.Values.ToList();
        Assert.Equal("basic", project.Name);
        Assert.Equal(5, nodes.Count(n => n.ResourceType == ResourceType.Model));
        Assert.Equal(2, nodes.Count(n => n.ResourceType == ResourceType.Seed));
        Assert.Equal(13, nodes.Count(n => n.ResourceType == ResourceType.Test));
        Assert.Single(project.Manifest.Sources);
        Assert.Equal(Path.Combine(Fixtures.Parse("basic"), "target"), project.TargetPath);
    }

    [Fact]
    public void Load_Basic_MergesConfigInDbtOrder()
    {
        var orders = Node(Fixtures.LoadOk("basic").Manifest, "model.basic.orders");
        Assert.Equal("table", orders.Config.Materialized);
        Assert.Equal("fct_orders", orders.Alias);
        Assert.Equal(["all", "marts", "orders", "yml", "finance"], orders.Config.Tags);
        Assert.Equal("main_marts", orders.Schema);
        Assert.Equal("basic", orders.Database);
        Assert.Equal("finance", orders.Meta["owner"]);
        Assert.Equal(["basic", "marts", "orders"], orders.Fqn);
        Assert.Equal("marts/orders.sql", orders.Path);
        Assert.Equal("basic://models/marts/_marts__models.yml", orders.PatchPath);
        Assert.Equal("integer", orders.Columns["order_id"].DataType);
    }

    [Fact]
    public void Load_Basic_FindsRefsSourcesAndMacros()
    {
        var manifest = Fixtures.LoadOk("basic").Manifest;
        Assert.Equal(["model.basic.stg_payments", "model.basic.stg_orders"], Node(manifest, "model.basic.orders").DependsOnNodes);
        Assert.Equal(["model.basic.stg_customers", "source.basic.landing.events"], Node(manifest, "model.basic.customers").DependsOnNodes);
        Assert.Equal(["macro.basic.cents_to_dollars"], Node(manifest, "model.basic.stg_orders").DependsOnMacros);
        Assert.True(Node(manifest, "model.basic.stg_payments").IsEphemeral);
        Assert.Equal(["model.basic.orders"], manifest.ParentMap.Single(p => p.Key.StartsWith("test.basic.assert_positive_amount", StringComparison.Ordinal)).Value);
        Assert.Contains("model.basic.customers", manifest.ChildMap["source.basic.landing.events"]);
    }

    [Fact]
    public void Load_Basic_SourcePropertiesAndExternalLocation()
    {
        var source = Fixtures.LoadOk("basic").Manifest.Sources["source.basic.landing.events"];
        Assert.Equal("raw", source.Schema);
        Assert.Equal("event_log", source.Identifier);
        Assert.Equal("basic", source.Database);
        Assert.Equal("'data/events.parquet'", source.RenderReference());
        Assert.Equal(["basic", "staging", "landing", "events"], source.Fqn);
        Assert.Equal("Files dropped by the upstream system.", source.SourceDescription);
    }

    [Fact]
    public void Load_Basic_SeedConfigAndDocs()
    {
        var manifest = Fixtures.LoadOk("basic").Manifest;
        var seed = Node(manifest, "seed.basic.raw_orders");
        Assert.Equal("seed", seed.Config.Materialized);
        Assert.Equal(false, seed.Config["quote_columns"]);
        Assert.Equal("integer", ((IDictionary<string, object?>)seed.Config["column_types"]!)["amount"]);
        Assert.Equal(",", seed.Config["delimiter"]);
        Assert.Equal("Raw orders.", seed.Description);
        Assert.Equal("One row per customer.", Node(manifest, "model.basic.stg_customers").Description);
        Assert.Equal("One row per customer.", manifest.Docs["doc.basic.stg_customers"].BlockContents);
        Assert.Equal("Converts cents to dollars.", manifest.Macros["macro.basic.cents_to_dollars"].Description);
    }

    [Fact]
    public void Load_GenericTest_CompiledPathUnderSchemaFile()
    {
        var test = Fixtures.LoadOk("basic").Manifest.Nodes.Values.Single(n => n.Name == "not_null_stg_orders_order_id");
        Assert.Equal("basic/models/staging/_staging__models.yml/not_null_stg_orders_order_id.sql", test.CompiledRelativePath);
        Assert.Equal("test.basic.not_null_stg_orders_order_id.81cfe2fe64", test.UniqueId);
        Assert.Equal(["basic", "staging", "not_null_stg_orders_order_id"], test.Fqn);
        Assert.Equal("main_dbt_test__audit", test.Schema);
    }

    [Fact]
    public void Load_Vars_CommandLineOverridesProject()
    {
        var project = Fixtures.LoadOk("basic", vars: "{min_amount: 5, extra: x}");
        Assert.Equal(5L, project.Vars["min_amount"]);
        Assert.Equal("x", project.Vars["extra"]);
        Assert.Equal(new List<object?> { "credit_card", "coupon", "bank_transfer" }, project.Vars["payment_methods"]);
    }

    [Fact]
    public void Load_EnvVar_RendersInProjectAndProfile()
    {
        var env = new Dictionary<string, string> { ["BASIC_MARTS_SCHEMA"] = "gold", ["BASIC_DB"] = "other.duckdb" };
        var project = Fixtures.LoadOk("basic", environment: env);
        Assert.Equal("main_gold", Node(project.Manifest, "model.basic.orders").Schema);
        Assert.Equal("other", project.Target.Database);
        Assert.Equal("other", Node(project.Manifest, "model.basic.orders").Database);
    }
}
