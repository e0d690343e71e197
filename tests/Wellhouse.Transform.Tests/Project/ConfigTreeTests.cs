using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Tests.Project;

public class ConfigTreeTests
{
    private static Dictionary<string, object?> Tree(string yaml) =>
        (Dictionary<string, object?>)YamlFile.ToValue(YamlFile.ParseMapping(yaml, "dbt_project.yml", new DiagnosticBag()))!;

    [Fact]
    public void Resolve_NestedFolders_DeeperWinsAndTagsAdd()
    {
        var tree = Tree("""
            +tags: all
            shop:
              +materialized: view
              marts:
                materialized: table
                tags: [marts]
                +meta: {owner: a}
                finance:
                  +schema: finance
                  +meta: {team: b}
                  orders:
                    +tags: [orders]
            """);
        var config = ConfigTree.Resolve(tree, ["shop", "marts", "finance", "orders"]);
        Assert.Equal("table", config["materialized"]);
        Assert.Equal("finance", config["schema"]);
        Assert.Equal(new List<object?> { "all", "marts", "orders" }, config["tags"]);
        var meta = (Dictionary<string, object?>)config["meta"]!;
        Assert.Equal("a", meta["owner"]);
        Assert.Equal("b", meta["team"]);
    }

    [Fact]
    public void Resolve_OtherFolder_GetsOnlyCommonConfig()
    {
        var tree = Tree("shop:\n  +materialized: view\n  marts:\n    +materialized: table\n");
        Assert.Equal("view", ConfigTree.Resolve(tree, ["shop", "staging", "stg_a"])["materialized"]);
        Assert.Empty(ConfigTree.Resolve(tree, ["other_project", "marts", "x"]));
    }
}
