using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Graph;

public class NodeSelectorTests
{
    private static readonly Manifest Shop = TestManifests.Shop();
    private static readonly DependencyGraph ShopGraph = DependencyGraph.Build(Shop);

    private static string[] Select(string select, string exclude = "", params string[] types) =>
        NodeSelector.Select(Shop, ShopGraph, select.Length == 0 ? [] : [select], exclude.Length == 0 ? [] : [exclude], types.Length == 0 ? null : types)
            .Select(id => id.Split('.')[2]).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("stg_orders", "stg_orders")]
    [InlineData("+orders", "countries orders stg_orders not_null_orders_id assert_orders_customers")]
    [InlineData("report+", "report")]
    [InlineData("customers+", "customers assert_orders_customers")]
    [InlineData("1+report", "orders report not_null_orders_id assert_orders_customers")]
    [InlineData("stg_orders+1", "orders stg_orders not_null_orders_id assert_orders_customers")]
    [InlineData("@stg_customers", "assert_orders_customers countries customers not_null_orders_id orders stg_customers stg_orders")]
    [InlineData("tag:staging", "stg_customers stg_orders")]
    [InlineData("tag:staging,tag:daily", "stg_orders")]
    [InlineData("tag:staging orders", "orders stg_customers stg_orders not_null_orders_id assert_orders_customers")]
    [InlineData("path:models/marts", "customers orders not_null_orders_id assert_orders_customers")]
    [InlineData("models/reports/report.sql", "report")]
    [InlineData("config.materialized:table", "customers orders not_null_orders_id assert_orders_customers")]
    [InlineData("resource_type:seed", "countries")]
    [InlineData("source:raw+", "orders report stg_orders not_null_orders_id assert_orders_customers")]
    [InlineData("test_type:generic", "not_null_orders_id")]
    [InlineData("test_type:singular", "assert_orders_customers")]
    [InlineData("stg_*", "stg_customers stg_orders")]
    [InlineData("p.marts", "customers orders not_null_orders_id assert_orders_customers")]
    [InlineData("fqn:p.staging.*", "stg_customers stg_orders")]
    public void Select_Expression_SelectsDbtSet(string select, string expected)
    {
        Assert.Equal(expected.Split(' ').Order(StringComparer.Ordinal), Select(select));
    }

    [Fact]
    public void Select_Nothing_SelectsEveryNode()
    {
        Assert.Equal(8, Select(string.Empty).Length);
    }

    [Fact]
    public void Select_NameOfSourceTable_AlsoMatchesTheSourceAsDbtDoes()
    {
        // dbt's fqn method runs over sources too: the source table raw.orders is named "orders".
        Assert.Equal(["assert_orders_customers", "not_null_orders_id", "orders", "report", "stg_orders"], Select("orders+"));
    }

    [Fact]
    public void Select_Exclude_RemovesNodesAndTheirTests()
    {
        Assert.Equal(["customers", "stg_customers", "stg_orders"], Select("tag:staging+", "p.marts.orders+"));
        Assert.Equal(["countries", "customers", "stg_customers", "stg_orders"], Select(string.Empty, "p.marts.orders+ resource_type:test"));
    }

    [Fact]
    public void Select_ResourceTypeFilter_KeepsOnlyThatType()
    {
        Assert.Equal(["assert_orders_customers", "not_null_orders_id"], Select("+orders+", string.Empty, "test"));
    }

    [Fact]
    public void Select_Result_IsInTopologicalOrder()
    {
        var ids = NodeSelector.Select(Shop, ShopGraph, ["+report"], []).ToList();
        Assert.True(ids.IndexOf("model.p.stg_orders") < ids.IndexOf("model.p.orders"));
        Assert.True(ids.IndexOf("model.p.orders") < ids.IndexOf("model.p.report"));
    }

    [Theory]
    [InlineData("colour:red", "unknown selector method 'colour' in 'colour:red'")]
    [InlineData("config:table", "'config' selector needs a key, as in config.materialized:table ('config:table')")]
    [InlineData("tag:", "selector 'tag:' has no value")]
    public void Select_BadSyntax_ThrowsWithDiagnostic(string select, string message)
    {
        var ex = Assert.Throws<SelectorException>(() => NodeSelector.Select(Shop, ShopGraph, [select], []));
        Assert.Equal("DBT203", ex.Diagnostic.Code);
        Assert.Equal(message, ex.Diagnostic.Message);
    }
}
