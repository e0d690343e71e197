namespace Wellhouse.Tests.Clients;

/// <summary>
/// One live server on loopback over the bundled sample (ingested and built into its first snapshot by the real warehouse),
/// shared by the generated clients' tests; each ingests a well of its own, so their writes do not meet.
/// </summary>
public sealed class LiveSample : IAsyncLifetime
{
    public LiveServer Server { get; } = new(bootstrap: true);

    public string Url => Server.Url;

    public async ValueTask InitializeAsync() => await Server.StartAsync();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>The test classes that share the live sample server (run one after another, so refreshes never overlap).</summary>
[CollectionDefinition(Name)]
public sealed class LiveSampleCollection : ICollectionFixture<LiveSample>
{
    public const string Name = "Live sample server";
}
