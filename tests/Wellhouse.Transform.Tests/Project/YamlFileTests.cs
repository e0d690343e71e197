using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

public class YamlFileTests
{
    [Fact]
    public void ToValue_Scalars_FollowYaml11AsPyYaml()
    {
        var bag = new DiagnosticBag();
        var root = YamlFile.ParseMapping("a: yes\nb: 'yes'\nc: 12\nd: 1.5\ne: ~\nf: text\ng: [1, x]\nh: {k: v}\ni: 1_000\n", "x.yml", bag)!;
        var value = (Dictionary<string, object?>)YamlFile.ToValue(root)!;
        Assert.Equal(true, value["a"]);
        Assert.Equal("yes", value["b"]);
        Assert.Equal(12L, value["c"]);
        Assert.Equal(1.5, value["d"]);
        Assert.Null(value["e"]);
        Assert.Equal("text", value["f"]);
        Assert.Equal(new List<object?> { 1L, "x" }, value["g"]);
        Assert.Equal("v", ((Dictionary<string, object?>)value["h"]!)["k"]);
        Assert.Equal(1000L, value["i"]);
        Assert.Empty(bag.Items);
    }

    [Fact]
    public void ParseMapping_BrokenYaml_ReportsLineAndColumn()
    {
        var bag = new DiagnosticBag();
        Assert.Null(YamlFile.ParseMapping("a: 1\nb: [1, 2\n", "x.yml", bag));
        var diagnostic = Assert.Single(bag.Items);
        Assert.Equal("DBT100", diagnostic.Code);
        Assert.Equal("x.yml", diagnostic.Span.File);
        Assert.Equal(3, diagnostic.Span.Line);
        Assert.StartsWith("invalid YAML: ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMapping_DuplicateKey_IsAnError()
    {
        var bag = new DiagnosticBag();
        Assert.Null(YamlFile.ParseMapping("a: 1\na: 2\n", "x.yml", bag));
        Assert.Equal("DBT100", Assert.Single(bag.Items).Code);
    }
}
