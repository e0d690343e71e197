using System.Net;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

public sealed class SnapshotsApiTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(string? Snapshot, string Name)> ReadWellAsync()
    {
        var response = await _factory.CreateClient().GetAsync("/api/wells/101");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (response.Headers.GetValues("X-Data-Snapshot").Single(), json.GetProperty("well_name").GetString()!);
    }

    [Fact]
    public async Task Read_BeforeFirstPublish_Is503Problem()
    {
        var response = await _factory.CreateClient().GetAsync("/api/wells");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Publish_NewRefresh_SwitchesReadsAndEtag()
    {
        var first = await _factory.RefreshAsync();
        var before = await _factory.CreateClient().GetAsync("/api/wells/101");

        var second = await _factory.RefreshAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/wells/101");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await _factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(second.Id, after.Headers.GetValues("X-Data-Snapshot").Single());
        Assert.Contains("build 2", await after.Content.ReadAsStringAsync());
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task Publish_OlderSnapshot_RollsBack()
    {
        var first = await _factory.RefreshAsync();
        await _factory.RefreshAsync();

        var response = await _factory.CreateWriter().PostAsync($"/api/snapshots/{first.Id}/publish", null);
        var (snapshot, name) = await ReadWellAsync();
        var list = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/api/snapshots")).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(first.Id, snapshot);
        Assert.Equal("Alpha A-1 build 1", name);
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
        Assert.True(list.GetProperty("items")[1].GetProperty("published").GetBoolean());
    }

    [Fact]
    public async Task Publish_WithoutKey_Is401()
    {
        var run = await _factory.RefreshAsync();

        var response = await _factory.CreateClient().PostAsync($"/api/snapshots/{run.Id}/publish", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("20990101T000000000Z-abcd")]
    [InlineData("..%2F..%2Fapi-key")]
    [InlineData("current")]
    public async Task Publish_UnknownId_Is404(string id)
    {
        var response = await _factory.CreateWriter().PostAsync($"/api/snapshots/{id}/publish", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Refresh_BeyondKeep_PrunesOldestButKeepsServed()
    {
        var first = await _factory.RefreshAsync();
        await _factory.CreateWriter().PostAsync($"/api/snapshots/{first.Id}/publish", null);
        var second = await _factory.RefreshAsync();
        var third = await _factory.RefreshAsync();
        var fourth = await _factory.RefreshAsync();

        var ids = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/api/snapshots")).RootElement
            .GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();

        Assert.Equal([fourth.Id, third.Id], ids);
        Assert.False(File.Exists(Path.Combine(_factory.DataDir, "snapshots", second.Id + ".duckdb")));
    }
}
