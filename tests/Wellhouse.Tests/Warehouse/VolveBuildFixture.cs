namespace Wellhouse.Tests.Warehouse;

/// <summary>One build of warehouse/ on the bundled Volve sample, shared by the tests that read it.</summary>
public sealed class VolveBuildFixture : IAsyncLifetime
{
    internal WarehouseHarness Harness { get; } = new(RepoPaths.Sample, new Dictionary<string, object?> { ["as_of_date"] = "2026-01-01" });

    public async ValueTask InitializeAsync() => await Harness.BuildAsync();

    public ValueTask DisposeAsync()
    {
        Harness.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The test classes that share one Volve build.</summary>
[CollectionDefinition(Name)]
public sealed class VolveBuildCollection : ICollectionFixture<VolveBuildFixture>
{
    public const string Name = "Volve build";
}
