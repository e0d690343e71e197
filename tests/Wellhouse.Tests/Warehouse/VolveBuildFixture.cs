namespace Wellhouse.Tests.Warehouse;

/// <summary>One build of warehouse/ (target ci) on the bundled Volve sample, shared by the tests that read it.</summary>
public sealed class VolveBuildFixture : WarehouseBuildFixture
{
    private protected override Task<WarehouseBuildOptions> PrepareAsync() =>
        Task.FromResult(new WarehouseBuildOptions { RawLocation = RepoPaths.Sample });
}

/// <summary>The test classes that share one Volve build.</summary>
[CollectionDefinition(Name)]
public sealed class VolveBuildCollection : ICollectionFixture<VolveBuildFixture>
{
    public const string Name = "Volve build";
}
