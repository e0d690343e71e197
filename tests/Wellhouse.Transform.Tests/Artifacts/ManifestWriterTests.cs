using System.Text.Json;
using Wellhouse.Transform.Artifacts;
using Wellhouse.Transform.Compilation;

namespace Wellhouse.Transform.Tests.Artifacts;

public class ManifestWriterTests
{
    [Fact]
    public void Write_Basic_HasDbtV12Shape()
    {
        using var temp = new TempFolder();
        var project = Fixtures.LoadOk("basic");
        var compiler = new Compiler(project);
        compiler.Compile(project.Manifest.Nodes["model.basic.orders"]);
        var path = Path.Combine(temp.Path, "target", "manifest.json");
        ManifestWriter.Write(project, path);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.Equal("https://schemas.getdbt.com/dbt/manifest/v12.json", root.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        foreach (var key in new[] { "nodes", "sources", "macros", "docs", "exposures", "metrics", "groups", "selectors", "disabled", "parent_map", "child_map", "group_map", "semantic_models", "saved_queries", "unit_tests" })
        {
            Assert.Equal(JsonValueKind.Object, root.GetProperty(key).ValueKind);
        }

        var nodes = root.GetProperty("nodes");
        Assert.Equal(20, nodes.EnumerateObject().Count());
        var orders = nodes.GetProperty("model.basic.orders");
        Assert.Equal("table", orders.GetProperty("config").GetProperty("materialized").GetString());
        Assert.Equal("\"basic\".\"main_marts\".\"fct_orders\"", orders.GetProperty("relation_name").GetString());
        Assert.True(orders.GetProperty("compiled").GetBoolean());
        Assert.Equal("stg_payments", orders.GetProperty("refs")[0].GetProperty("name").GetString());
        Assert.Equal("model.basic.stg_orders", orders.GetProperty("depends_on").GetProperty("nodes")[1].GetString());

        var test = nodes.EnumerateObject().Single(p => p.Value.GetProperty("name").GetString() == "not_null_stg_orders_order_id").Value;
        Assert.Equal("not_null", test.GetProperty("test_metadata").GetProperty("name").GetString());
        Assert.Equal("order_id", test.GetProperty("column_name").GetString());
        Assert.Equal("model.basic.stg_orders", test.GetProperty("attached_node").GetString());
        Assert.Equal("{{ get_where_subquery(ref('stg_orders')) }}", test.GetProperty("test_metadata").GetProperty("kwargs").GetProperty("model").GetString());
        Assert.Equal("WARN", test.GetProperty("config").GetProperty("severity").GetString());

        Assert.Equal("event_log", root.GetProperty("sources").GetProperty("source.basic.landing.events").GetProperty("identifier").GetString());
        Assert.True(root.GetProperty("macros").TryGetProperty("macro.basic.cents_to_dollars", out _));
        Assert.Equal("One row per customer.", root.GetProperty("docs").GetProperty("doc.basic.stg_customers").GetProperty("block_contents").GetString());
        Assert.Equal("model.basic.orders", root.GetProperty("child_map").GetProperty("model.basic.stg_payments")[0].GetString());
        Assert.False(File.Exists(path + ".tmp-" + Environment.ProcessId));
    }

    [Fact]
    public void Write_DisabledNodesAndSources_AsDbtShapes()
    {
        var project = Fixtures.LoadOk("context");
        using var stream = new MemoryStream();
        ManifestWriter.Write(project, stream);
        using var document = JsonDocument.Parse(stream.ToArray());
        var root = document.RootElement;
        var disabled = root.GetProperty("disabled").GetProperty("model.context.disabled_model");
        Assert.Equal(JsonValueKind.Array, disabled.ValueKind);
        Assert.False(disabled[0].GetProperty("config").GetProperty("enabled").GetBoolean());
        Assert.False(root.GetProperty("nodes").TryGetProperty("model.context.disabled_model", out _));
        Assert.Equal("context", root.GetProperty("metadata").GetProperty("project_name").GetString());
        var ctx = root.GetProperty("nodes").GetProperty("model.context.ctx");
        Assert.Equal("custom_value", ctx.GetProperty("config").GetProperty("custom_key").GetString());
        Assert.Equal("\"ctx\".\"analytics\".\"CTX\"", ctx.GetProperty("relation_name").GetString());
        Assert.False(ctx.GetProperty("compiled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ctx.GetProperty("compiled_code").ValueKind);
    }
}
