using YamlDotNet.RepresentationModel;

namespace Wellhouse.Tests.Warehouse;

/// <summary>Every model of warehouse/ is described, with every column it builds.</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class WarehouseDocsTests(VolveBuildFixture fixture)
{
    public static TheoryData<string> Models => new(WarehouseHarness.ModelOrder);

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Model_EveryBuiltColumn_IsDescribed(string model)
    {
        var documented = DocumentedColumns(model);
        var built = (await fixture.Harness.QueryAsync(
            $"select column_name from information_schema.columns where table_name = '{model}' order by ordinal_position"))
            .Select(row => (string)row[0]!)
            .ToList();

        Assert.NotEmpty(built);
        Assert.Equal(built.Order(), documented.Keys.Order());
        Assert.All(documented.Values, description => Assert.False(string.IsNullOrWhiteSpace(description)));
    }

    private static Dictionary<string, string> DocumentedColumns(string model)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Warehouse, "models"), "*.yml", SearchOption.AllDirectories))
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                yaml.Load(reader);
            }

            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            if (!root.Children.TryGetValue(new YamlScalarNode("models"), out var models))
            {
                continue;
            }

            foreach (var entry in ((YamlSequenceNode)models).Children.Cast<YamlMappingNode>())
            {
                if (((YamlScalarNode)entry.Children[new YamlScalarNode("name")]).Value != model)
                {
                    continue;
                }

                Assert.False(string.IsNullOrWhiteSpace(((YamlScalarNode)entry.Children[new YamlScalarNode("description")]).Value));
                return ((YamlSequenceNode)entry.Children[new YamlScalarNode("columns")]).Children.Cast<YamlMappingNode>().ToDictionary(
                    column => ((YamlScalarNode)column.Children[new YamlScalarNode("name")]).Value!,
                    column => ((YamlScalarNode)column.Children[new YamlScalarNode("description")]).Value ?? string.Empty);
            }
        }

        throw new InvalidOperationException(model + " is not described in any models .yml");
    }
}
