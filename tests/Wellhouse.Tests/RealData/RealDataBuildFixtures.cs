using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.RealData;

/// <summary>One build of warehouse/ on the 636 North Dakota Bakken wells (../shared, converted at test time; skipped
/// where ../shared is absent, failed in CI).</summary>
public sealed class NorthDakotaBuildFixture : WarehouseBuildFixture
{
    public const string DataSource = "ndic_monthly";

    private protected override string? SharedInput => SharedRawData.NorthDakotaProduction;

    private protected override async Task<WarehouseBuildOptions> PrepareAsync()
    {
        var file = Path.Combine(InputDirectory, "nd.csv");
        await File.WriteAllTextAsync(file, SharedRawData.NorthDakota(wells: 1000, dataSource: DataSource));
        return new WarehouseBuildOptions { RawLocation = file };
    }
}

/// <summary>The test classes that share the North Dakota build.</summary>
[CollectionDefinition(Name)]
public sealed class NorthDakotaBuildCollection : ICollectionFixture<NorthDakotaBuildFixture>
{
    public const string Name = "North Dakota build";
}

/// <summary>
/// One build of warehouse/ on NPD's FactPages snapshot of early 2013 (NLOD, bundled in tests/fixtures/real-data): 89
/// fields as one "well" each, monthly 1971-06 to 2013-02, so 2013 is a partial year and some fields stopped long ago.
/// </summary>
public sealed class NpdBuildFixture : WarehouseBuildFixture
{
    public const string DataSource = "sodir_monthly";

    private protected override async Task<WarehouseBuildOptions> PrepareAsync()
    {
        var file = Path.Combine(InputDirectory, "npd.csv");
        await File.WriteAllTextAsync(file, SharedRawData.NpdFields("npd-factpages-2013", DataSource));
        return new WarehouseBuildOptions { RawLocation = file };
    }
}

/// <summary>The test classes that share the NPD build.</summary>
[CollectionDefinition(Name)]
public sealed class NpdBuildCollection : ICollectionFixture<NpdBuildFixture>
{
    public const string Name = "NPD build";
}
