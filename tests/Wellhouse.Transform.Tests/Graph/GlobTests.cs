using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Graph;

public class GlobTests
{
    [Theory]
    [InlineData("stg_orders", "stg_*", true)]
    [InlineData("stg_orders", "*orders", true)]
    [InlineData("stg_orders", "stg_?rders", true)]
    [InlineData("stg_orders", "stg_[a-n]*", false)]
    [InlineData("stg_orders", "stg_[!a-n]*", true)]
    [InlineData("orders", "order", false)]
    public void IsMatch_Pattern_AsFnmatch(string text, string pattern, bool expected)
    {
        Assert.Equal(expected, Glob.IsMatch(text, pattern));
    }
}
