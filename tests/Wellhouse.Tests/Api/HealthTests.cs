using System.Net;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

public sealed class HealthTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Alive_Always_Is200()
    {
        var response = await _factory.CreateClient().GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_NoSnapshot_Is503NamingTheProblem()
    {
        var response = await _factory.CreateClient().GetAsync("/health");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("no snapshot", json.GetProperty("problems")[0].GetString());
    }

    [Fact]
    public async Task Health_Published_Is200WithSnapshotAge()
    {
        var run = await _factory.RefreshAsync();

        var json = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/health")).RootElement;

        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal(run.Id, json.GetProperty("snapshot").GetString());
        Assert.True(json.GetProperty("raw_store_writable").GetBoolean());
    }

    [Fact]
    public async Task Health_RawStoreNotWritable_Is503()
    {
        await _factory.RefreshAsync();
        var incoming = Path.Combine(_factory.DataDir, "raw", "incoming");
        Directory.Delete(incoming, recursive: true);
        await File.WriteAllTextAsync(incoming, "a file where the folder should be");

        var response = await _factory.CreateClient().GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("raw store not writable", body);
    }

    [Fact]
    public async Task Metrics_AfterRefresh_ExposePrometheusText()
    {
        await _factory.RefreshAsync();
        await _factory.CreateClient().GetAsync("/api/wells");

        var text = await _factory.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("wellhouse_refresh_duration", text);
        Assert.Contains("wellhouse_snapshot_age", text);
        Assert.Contains("http_server_request_duration", text);
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheEndpoints()
    {
        var text = await _factory.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/wells/{wellCode}/production", text);
        Assert.Contains("/api/ingest", text);
    }

    [Fact]
    public async Task ReadsNeedKey_WhenConfigured_Is401WithoutKey()
    {
        using var factory = new WellhouseApiFactory(readsNeedKey: true);
        await factory.RefreshAsync();

        var anonymous = await factory.CreateClient().GetAsync("/api/wells");
        var keyed = await factory.CreateWriter().GetAsync("/api/wells");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }
}
