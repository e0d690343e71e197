namespace Wellhouse.Tests.Api;

/// <summary>One host with one published snapshot (and a raw batch), shared by the read-only test classes.</summary>
public sealed class PublishedSnapshotFixture : IAsyncLifetime
{
    public WellhouseApiFactory Factory { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public string SnapshotId { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Client = Factory.CreateClient();
        var ingest = await Factory.IngestCsvAsync(RawCsv.Rows(101, 3));
        Assert.Equal(System.Net.HttpStatusCode.Created, ingest.StatusCode);
        var run = await Factory.RefreshAsync();
        Assert.True(run.Published, run.Error);
        SnapshotId = run.Id;
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        return ValueTask.CompletedTask;
    }
}
