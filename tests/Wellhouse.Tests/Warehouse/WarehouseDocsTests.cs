using Wellhouse.Transform.Graph;
using YamlDotNet.RepresentationModel;

namespace Wellhouse.Tests.Warehouse;

/// <summary>Every model of warehouse/ is described, with every column it builds.</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class WarehouseDocsTests(VolveBuildFixture fixture)
{
    /// <summary>The models of warehouse/ (SQL and C#); <see cref="Models_AreTheOnesTheBuildRan"/> keeps the list true.</summary>
    private static readonly string[] ModelNames =
    [
        "stg_well_production_typed", "stg_well_production_checked", "stg_well_production_rejects", "stg_well_production_accepted",
        "stg_well_production",
        "int_refresh_wells", "int_wells", "int_production_cumsum", "int_decline_fits", "int_declining_curves", "int_ml_trendlines_input", "ml_predictions_raw",
        "int_ml_trendlines_output", "int_moving_averages", "int_well_status", "int_population_forecast", "int_decline_forecast",
        "int_well_totals",
        "mart_production_daily", "mart_production_monthly", "mart_production_yearly", "mart_field_production_monthly",
        "mart_field_production_yearly", "mart_revenue", "mart_decline_forecast", "mart_decline_hindcast", "mart_well_summary",
    ];

    public static TheoryData<string> Models => new(ModelNames);

    [Fact]
    public void Models_AreTheOnesTheBuildRan()
    {
        var built = fixture.Build.Results.Where(result => result.Node.ResourceType == ResourceType.Model).Select(result => result.Node.Name);

        Assert.Equal(ModelNames.Order(StringComparer.Ordinal), built.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Model_EveryBuiltColumn_IsDescribed(string model)
    {
        var documented = DocumentedColumns(model);
        var built = (await fixture.Build.QueryAsync(
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
