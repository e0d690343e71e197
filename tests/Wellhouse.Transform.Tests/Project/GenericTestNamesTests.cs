using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

/// <summary>Expected ids are those of dbt's own jaffle_shop manifest.</summary>
public class GenericTestNamesTests
{
    private static Dictionary<string, object?> Args(string model, string? column, params (string Key, object? Value)[] extra)
    {
        var args = new Dictionary<string, object?>(StringComparer.Ordinal) { ["model"] = $"{{{{ get_where_subquery(ref('{model}')) }}}}" };
        if (column is not null)
        {
            args["column_name"] = column;
        }

        foreach (var (key, value) in extra)
        {
            args[key] = value;
        }

        return args;
    }

    [Theory]
    [InlineData("unique", "unique_customers_customer_id", "c5af1ff4b1")]
    [InlineData("not_null", "not_null_customers_customer_id", "5c9bf9911d")]
    public void Synthesize_ColumnTest_MatchesDbt(string test, string expectedName, string expectedHash)
    {
        var args = Args("customers", "customer_id");
        var (shortName, fullName) = GenericTestNames.Synthesize(test, "customers", args);
        Assert.Equal(expectedName, fullName);
        Assert.Equal(fullName, shortName);
        Assert.Equal(expectedHash, GenericTestNames.Hash(fullName, null, test, args));
    }

    [Fact]
    public void Synthesize_AcceptedValues_FlattensListAndHashesLongName()
    {
        var values = new List<object?> { "placed", "shipped", "completed", "return_pending", "returned" };
        var args = Args("orders", "status", ("values", values));
        var (shortName, fullName) = GenericTestNames.Synthesize("accepted_values", "orders", args);
        Assert.Equal("accepted_values_orders_status__placed__shipped__completed__return_pending__returned", fullName);
        Assert.Equal("accepted_values_orders_1ce6ab157c", shortName[..33]);
        Assert.Equal("accepted_values_orders_" + GenericTestNames.Md5(fullName), shortName);
        Assert.Equal("be6b5b5ec3", GenericTestNames.Hash(fullName, null, "accepted_values", args));
    }

    [Fact]
    public void Synthesize_Relationships_CleansRefCall()
    {
        var args = Args("orders", "customer_id", ("to", "ref('customers')"), ("field", "customer_id"));
        var (_, fullName) = GenericTestNames.Synthesize("relationships", "orders", args);
        Assert.Equal("relationships_orders_customer_id__customer_id__ref_customers_", fullName);
        Assert.Equal("c6ec7f58f2", GenericTestNames.Hash(fullName, null, "relationships", args));
    }

    [Fact]
    public void Synthesize_ShortName_KeepsThirtyCharactersOfIdentifier()
    {
        var args = Args("a_model_with_a_rather_long_name", "a_column_with_a_long_name_too");
        var (shortName, fullName) = GenericTestNames.Synthesize("not_null", "a_model_with_a_rather_long_name", args);
        Assert.True(fullName.Length >= 64);
        Assert.Equal("not_null_a_model_with_a_rather_" + GenericTestNames.Md5(fullName), shortName);
    }
}
