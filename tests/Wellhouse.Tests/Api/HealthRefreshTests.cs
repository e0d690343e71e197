using System.Net;
using System.Text.Json;

namespace Wellhouse.Tests.Api;

/// <summary>/health follows the refreshes (issue 16, item 2): degraded while the latest failed, healthy again after a success.</summary>
public sealed class HealthRefreshTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Json)> HealthAsync()
    {
        var response = await _factory.CreateClient().GetAsync("/health");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task Health_FailedRefreshes_DegradedWithTheReason_UntilOneSucceeds()
    {
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(101, 3))).StatusCode);
        Assert.True((await _factory.RefreshAsync()).Published);
        _factory.Builder.FailTest = true;
        var first = await _factory.RefreshAsync();
        var second = await _factory.RefreshAsync();

        var (status, json) = await HealthAsync();

        Assert.False(second.Published);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", json.GetProperty("status").GetString());
        Assert.Equal(2, json.GetProperty("failed_refreshes_in_a_row").GetInt32());
        Assert.Equal(second.Id, json.GetProperty("latest_refresh_id").GetString());
        Assert.Equal("failed", json.GetProperty("latest_refresh_status").GetString());
        var problem = Assert.Single(json.GetProperty("problems").EnumerateArray()).GetString()!;
        Assert.Contains(second.Id, problem);
        Assert.Contains("2 refreshes in a row", problem);
        Assert.Contains("not_null_mart_well_summary_well_code", problem);
        Assert.NotEqual(first.Id, second.Id);

        _factory.Builder.FailTest = false;
        var third = await _factory.RefreshAsync();
        (status, json) = await HealthAsync();

        Assert.True(third.Published, third.Error);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal(0, json.GetProperty("failed_refreshes_in_a_row").GetInt32());
        Assert.Equal("succeeded", json.GetProperty("latest_refresh_status").GetString());
        Assert.Empty(json.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Health_CrashedRefresh_NamesNoServerPath()
    {
        Assert.True((await _factory.RefreshAsync()).Published);
        _factory.Builder.Throw = new IOException($"disk trouble at '{Path.Combine(_factory.DataDir, "snapshots", "x.duckdb")}'");
        await _factory.RefreshAsync();

        var (_, json) = await HealthAsync();

        Assert.Equal("degraded", json.GetProperty("status").GetString());
        var error = json.GetProperty("latest_refresh_error").GetString()!;
        Assert.Contains("<data>/snapshots/x.duckdb", error);
        Assert.DoesNotContain(_factory.DataDir, json.GetRawText());
    }
}
