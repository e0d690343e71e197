using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

public class PythonReprTests
{
    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("a'b\"c", "'a\\'b\"c'")]
    [InlineData("line\nnext", "'line\\nnext'")]
    public void Repr_String_AsPython(string text, string expected)
    {
        Assert.Equal(expected, PythonRepr.Repr(text));
    }

    [Fact]
    public void Repr_Containers_AsPython()
    {
        var value = new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, true, null, 2.5 }, ["b"] = "x" };
        Assert.Equal("{'a': [1, True, None, 2.5], 'b': 'x'}", PythonRepr.Repr(value));
    }

    [Theory]
    [InlineData(3.0, "3.0")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(1e16, "1e+16")]
    [InlineData(0.1, "0.1")]
    public void Float_Value_AsPython(double value, string expected)
    {
        Assert.Equal(expected, PythonRepr.Float(value));
    }
}
