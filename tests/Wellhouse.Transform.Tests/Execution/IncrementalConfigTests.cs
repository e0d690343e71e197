using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Tests.Execution;

public sealed class IncrementalConfigTests
{
    [Theory]
    [InlineData(null, false, RelationKind.Table, true)]
    [InlineData(null, true, RelationKind.Table, false)]
    [InlineData(false, true, RelationKind.Table, true)]
    [InlineData(true, false, RelationKind.Table, false)]
    [InlineData(null, false, RelationKind.View, false)]
    [InlineData(null, false, null, false)]
    public void IsIncremental_ConfigFlagAndRelation_AsDbtShouldFullRefresh(bool? fullRefreshConfig, bool flag, RelationKind? existing, bool expected)
    {
        var node = Model(("materialized", "incremental"));
        if (fullRefreshConfig is { } value)
        {
            node.Config["full_refresh"] = value;
        }

        Assert.Equal(expected, IncrementalConfig.IsIncremental(node, flag, existing));
    }

    [Fact]
    public void IsIncremental_TableModel_False() =>
        Assert.False(IncrementalConfig.IsIncremental(Model(("materialized", "table")), false, RelationKind.Table));

    [Fact]
    public void Read_Defaults_DeleteInsertIgnoreNoKey()
    {
        var config = IncrementalConfig.Read(Model(("materialized", "incremental")), out var error);

        Assert.Null(error);
        Assert.Equal("delete+insert", config.Strategy);
        Assert.Equal("ignore", config.OnSchemaChange);
        Assert.Empty(config.UniqueKey);
        Assert.Empty(config.Predicates);
    }

    [Fact]
    public void Read_KeyListAndSinglePredicate_Lists()
    {
        var config = IncrementalConfig.Read(
            Model(("unique_key", new List<object?> { "well_id", "day" }), ("incremental_predicates", "day > '2024-01-01'"), ("incremental_strategy", "merge")),
            out var error);

        Assert.Null(error);
        Assert.Equal(["well_id", "day"], config.UniqueKey);
        Assert.Equal(["day > '2024-01-01'"], config.Predicates);
        Assert.Equal("merge", config.Strategy);
    }

    [Fact]
    public void Read_UnknownOnSchemaChange_IgnoreWithWarning()
    {
        var config = IncrementalConfig.Read(Model(("on_schema_change", "drop_everything")), out _);

        Assert.Equal("ignore", config.OnSchemaChange);
        Assert.Contains("invalid value for on_schema_change (drop_everything)", config.Warning, StringComparison.Ordinal);
    }

    private static Node Model(params (string Key, object? Value)[] configs)
    {
        var node = new Node
        {
            UniqueId = "model.proj.m",
            ResourceType = ResourceType.Model,
            Name = "m",
            PackageName = "proj",
            OriginalFilePath = "models/m.sql",
            Path = "m.sql",
            Fqn = ["proj", "m"],
            Alias = "m",
        };
        foreach (var (key, value) in configs)
        {
            node.Config[key] = value;
        }

        return node;
    }
}
