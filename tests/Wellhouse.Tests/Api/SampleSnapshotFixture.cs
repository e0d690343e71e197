using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Snapshots;

namespace Wellhouse.Tests.Api;

/// <summary>
/// A host over a fresh data directory that bootstraps the bundled Volve sample (the real engine builds warehouse/ and
/// publishes it), then receives one more small batch (so <c>/latest</c> has rows); with the live OpenAPI document.
/// </summary>
public sealed class SampleSnapshotFixture : IAsyncLifetime
{
    public const string Key = "sample-key-0123456789";

    private readonly TempDirectory _data = new();
    private SampleFactory _factory = null!;

    public HttpClient Client { get; private set; } = null!;

    public JsonElement Document { get; private set; }

    public HttpResponseMessage Ingest { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = new SampleFactory(_data.Path);
        Client = _factory.CreateClient();
        var provider = _factory.Services.GetRequiredService<SnapshotProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (provider.Current is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(provider.Current is not null, await Client.GetStringAsync("/api/runs"));
        Document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json")).RootElement;
        using var content = new StringContent(RawCsv.Rows(101, 3, year: 2030));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ingest") { Content = content };
        request.Headers.Add("X-Api-Key", Key);
        Ingest = await Client.SendAsync(request);
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        _factory.Dispose();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class SampleFactory(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Wellhouse:DataDir", dataDir);
            builder.UseSetting("Wellhouse:Bootstrap", "true");
            builder.UseSetting("Wellhouse:Api:Key", Key);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
