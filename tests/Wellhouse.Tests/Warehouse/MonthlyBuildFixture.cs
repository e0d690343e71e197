using Wellhouse.Generate;

namespace Wellhouse.Tests.Warehouse;

/// <summary>One build of warehouse/ on generated monthly wells (a monthly data source end to end), as Parquet files.</summary>
public sealed class MonthlyBuildFixture : WarehouseBuildFixture
{
    public const int Wells = 6;

    private static readonly SyntheticWellOptions Options = new(Wells: Wells, Days: 1500, Monthly: true, Seed: 7, Start: new DateOnly(2015, 1, 1));

    private protected override Task<WarehouseBuildOptions> PrepareAsync()
    {
        GeneratedDataset.Write(Options, InputDirectory, parquet: true);
        return Task.FromResult(new WarehouseBuildOptions { RawLocation = Path.Combine(InputDirectory, "*.parquet") });
    }
}

/// <summary>The test classes that share the monthly build.</summary>
[CollectionDefinition(Name)]
public sealed class MonthlyBuildCollection : ICollectionFixture<MonthlyBuildFixture>
{
    public const string Name = "Monthly build";
}
