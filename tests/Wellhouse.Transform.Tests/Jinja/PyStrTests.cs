using Wellhouse.Transform.Jinja.Runtime;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Python's str() and repr() of values.</summary>
public sealed class PyStrTests
{
    [Theory]
    [InlineData(3.0, "3.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e15, "1500000000000000.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(123456789.125, "123456789.125")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NaN, "nan")]
    public void FormatFloat_Value_PythonRepr(double value, string expected) => Assert.Equal(expected, PyStr.FormatFloat(value));

    [Fact]
    public void Str_Containers_PythonRepr()
    {
        var value = new List<object?> { "a", 1L, null, true, new PyTuple(["t"]), new Dictionary<string, object?> { ["k"] = "it's" } };
        Assert.Equal("['a', 1, None, True, ('t',), {'k': \"it's\"}]", PyStr.Str(value));
    }

    [Fact]
    public void Repr_StringWithBothQuotes_SingleQuotedEscaped() =>
        Assert.Equal(@"'a\'b""c\n'", PyStr.Repr("a'b\"c\n"));
}
