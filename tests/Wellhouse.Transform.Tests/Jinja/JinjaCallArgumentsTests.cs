using Wellhouse.Transform.Jinja;

namespace Wellhouse.Transform.Tests.Jinja;

/// <summary>Reading call arguments by position or by name.</summary>
public sealed class JinjaCallArgumentsTests
{
    private static readonly JinjaCallArguments Args = new(
        ["first", 2L],
        new Dictionary<string, object?> { ["flag"] = "yes", ["n"] = 5L });

    [Fact]
    public void Get_ByPositionThenName_ThenDefault()
    {
        Assert.Equal("first", Args.Get(0, "a"));
        Assert.Equal(5L, Args.Get(2, "n"));
        Assert.Equal("d", Args.Get(3, "missing", "d"));
        Assert.Null(Args.Get(-1, "missing"));
    }

    [Fact]
    public void Has_NegativePositionOrMissingName_False()
    {
        Assert.True(Args.Has(1, "b"));
        Assert.True(Args.Has(-1, "flag"));
        Assert.False(Args.Has(-1, "b"));
        Assert.False(Args.Has(5, "b"));
    }

    [Fact]
    public void TypedHelpers_PythonConversions()
    {
        Assert.True(Args.GetBool(9, "flag"));
        Assert.False(Args.GetBool(9, "nope"));
        Assert.Equal(2L, Args.GetInt(1, "b"));
        Assert.Equal(7L, Args.GetInt(9, "nope", 7));
        Assert.Equal("2", Args.GetString(1, "b"));
    }

    [Fact]
    public void Require_Missing_Jinja011WithName()
    {
        var ex = Assert.Throws<JinjaException>(() => Args.Require(4, "column_name"));
        Assert.Equal(("JINJA011", "missing required argument 'column_name'"), (ex.Code, ex.Message));
    }
}
