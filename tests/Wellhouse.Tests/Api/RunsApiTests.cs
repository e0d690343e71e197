using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Refresh;

namespace Wellhouse.Tests.Api;

public sealed class RunsApiTests : IDisposable
{
    private readonly WellhouseApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<string?> ServedSnapshotAsync()
    {
        var response = await _factory.CreateClient().GetAsync("/api/wells/101");
        return response.Headers.TryGetValues("X-Data-Snapshot", out var values) ? values.Single() : null;
    }

    [Fact]
    public async Task Start_WithoutKey_Is401()
    {
        var response = await _factory.CreateClient().PostAsync("/api/runs", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, _factory.Builder.Builds);
    }

    [Fact]
    public async Task Start_Succeeds_Is202WithLocationAndPublishes()
    {
        var client = _factory.CreateWriter();
        var response = await client.PostAsync("/api/runs", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = response.Headers.Location!.ToString().Split('/')[^1];

        var run = await _factory.Services.GetRequiredService<RefreshCoordinator>().WaitAsync(id);
        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{id}")).RootElement;

        Assert.Equal(RunStatus.Succeeded, run!.Status);
        Assert.Equal("succeeded", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("published").GetBoolean());
        Assert.Equal(3, json.GetProperty("nodes").GetArrayLength());
        Assert.Equal(id, await ServedSnapshotAsync());
        Assert.Contains("published snapshot", await client.GetStringAsync($"/api/runs/{id}/log"));
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/runs")).RootElement;
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Runs_RecordTheirModeParentAndReason_AndFullRefreshTrueForcesFull()
    {
        var client = _factory.CreateWriter();
        var builder = _factory.Builder;
        builder.State = new ProjectState { Files = new Dictionary<string, string> { ["models/a.sql"] = "1" }, Target = "prod" };
        builder.Incremental = true;
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(101, 3))).StatusCode);

        var first = await _factory.RefreshAsync(client);
        Assert.Equal((RefreshModes.Full, null, "no published snapshot to build on"), (first.Mode, first.ParentId, first.ModeReason));

        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(102, 3))).StatusCode);
        var second = await _factory.RefreshAsync(client);
        var snapshots = JsonDocument.Parse(await client.GetStringAsync("/api/snapshots")).RootElement.GetProperty("items");
        var secondListed = snapshots.EnumerateArray().Single(item => item.GetProperty("id").GetString() == second.Id);
        Assert.Equal("incremental", secondListed.GetProperty("mode").GetString());
        Assert.Equal(first.Id, secondListed.GetProperty("parent_id").GetString());
        Assert.Equal((RefreshModes.Incremental, first.Id), (second.Mode, second.ParentId));
        Assert.Contains("1 new raw batch(es)", second.ModeReason);
        Assert.Equal(RefreshModes.Incremental, builder.LastRequest!.Plan.Mode);
        Assert.Single(builder.LastRequest.NewRawBatchFiles);
        Assert.EndsWith(first.Id + ".duckdb", builder.LastRequest.ParentPath);

        var response = await client.PostAsync("/api/runs?full_refresh=true", null);
        var id = response.Headers.Location!.ToString().Split('/')[^1];
        await _factory.Services.GetRequiredService<RefreshCoordinator>().WaitAsync(id);
        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{id}")).RootElement;
        Assert.Equal("full", json.GetProperty("mode").GetString());
        Assert.True(json.GetProperty("full_refresh_requested").GetBoolean());
        Assert.Equal("full refresh requested", json.GetProperty("mode_reason").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("parent_id").ValueKind);
        Assert.Null(builder.LastRequest.ParentPath);

        builder.State = builder.State with { Files = new Dictionary<string, string> { ["models/a.sql"] = "2" } };
        var fourth = await _factory.RefreshAsync(client);
        Assert.Equal(RefreshModes.Full, fourth.Mode);
        Assert.Contains("models/a.sql changed", fourth.ModeReason);
    }

    [Fact]
    public async Task Refresh_IsFullWhenTheNewBatchesReachMoreThanHalfTheWells()
    {
        var client = _factory.CreateWriter();
        var builder = _factory.Builder;
        builder.State = new ProjectState { Files = new Dictionary<string, string> { ["models/a.sql"] = "1" }, Target = "prod" };
        builder.Incremental = true;
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(101, 3))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(102, 3))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(103, 3))).StatusCode);
        var first = await _factory.RefreshAsync(client);

        // One of three wells: incremental.
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(101, 3, 2021))).StatusCode);
        var second = await _factory.RefreshAsync(client);
        Assert.Equal((RefreshModes.Incremental, first.Id), (second.Mode, second.ParentId));

        // Two of three wells (a new batch each): full, saying why.
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(102, 3, 2021))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _factory.IngestCsvAsync(RawCsv.Rows(103, 3, 2021))).StatusCode);
        var third = await _factory.RefreshAsync(client);
        Assert.Equal((RefreshModes.Full, null), (third.Mode, third.ParentId));
        Assert.Equal($"2 of 3 wells to recompute whole since snapshot {second.Id} (more than half: a full build costs less than an incremental one)", third.ModeReason);
        Assert.Null(builder.LastRequest!.ParentPath);
        Assert.Empty(builder.LastRequest.NewRawBatchFiles);
    }

    [Fact]
    public async Task RetractBatch_RemovesItsRows_AndTheNextRefreshIsFullWithoutThem()
    {
        var client = _factory.CreateWriter();
        var builder = _factory.Builder;
        builder.State = new ProjectState { Files = new Dictionary<string, string> { ["models/a.sql"] = "1" }, Target = "prod" };
        builder.Incremental = true;
        var kept = JsonDocument.Parse(await (await _factory.IngestCsvAsync(RawCsv.Rows(101, 3))).Content.ReadAsStringAsync()).RootElement;
        var bad = JsonDocument.Parse(await (await _factory.IngestCsvAsync(RawCsv.Rows(102, 2))).Content.ReadAsStringAsync()).RootElement;
        var badId = bad.GetProperty("batch").GetProperty("id").GetString()!;
        var first = await _factory.RefreshAsync(client);

        var anonymous = await _factory.CreateClient().DeleteAsync($"/api/ingest/batches/{badId}");
        var retracted = await client.DeleteAsync($"/api/ingest/batches/{badId}");
        var again = await client.DeleteAsync($"/api/ingest/batches/{badId}");
        var second = await _factory.RefreshAsync(client);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await retracted.Content.ReadAsStringAsync()).RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/ingest/batches/{badId}")).StatusCode);
        Assert.False(File.Exists(Path.Combine(_factory.DataDir, "raw", "batches", badId + ".parquet")));
        Assert.False(File.Exists(Path.Combine(_factory.DataDir, "raw", "batches", badId + ".json")));
        Assert.Equal((RefreshModes.Full, $"1 raw batch(es) of snapshot {first.Id} are no longer in the raw store"), (second.Mode, second.ModeReason));
        Assert.Equal([kept.GetProperty("batch").GetProperty("id").GetString() + ".parquet"],
            builder.LastRequest!.RawBatchFiles.Select(Path.GetFileName));
    }

    [Fact]
    public async Task RetractBatch_WhileARefreshRuns_Is409AndKeepsTheBatch()
    {
        var batch = JsonDocument.Parse(await (await _factory.IngestCsvAsync(RawCsv.Rows(101, 3))).Content.ReadAsStringAsync()).RootElement
            .GetProperty("batch").GetProperty("id").GetString()!;
        _factory.Builder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = _factory.CreateWriter();
        var run = (await client.PostAsync("/api/runs", null)).Headers.Location!.ToString().Split('/')[^1];

        var retract = await client.DeleteAsync($"/api/ingest/batches/{batch}");
        var problem = JsonDocument.Parse(await retract.Content.ReadAsStringAsync()).RootElement;
        _factory.Builder.Gate.SetResult();
        await _factory.Services.GetRequiredService<RefreshCoordinator>().WaitAsync(run);

        Assert.Equal(HttpStatusCode.Conflict, retract.StatusCode);
        Assert.Equal(run, problem.GetProperty("running_id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/ingest/batches/{batch}")).StatusCode);
    }

    [Fact]
    public async Task Start_WhileRunning_Is409WithRunningId()
    {
        _factory.Builder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = _factory.CreateWriter();
        var first = await client.PostAsync("/api/runs", null);
        var firstId = first.Headers.Location!.ToString().Split('/')[^1];

        var second = await client.PostAsync("/api/runs", null);
        var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        _factory.Builder.Gate.SetResult();
        await _factory.Services.GetRequiredService<RefreshCoordinator>().WaitAsync(firstId);

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(firstId, problem.GetProperty("running_id").GetString());
    }

    [Fact]
    public async Task Cancel_RunningRefresh_IsCancelledAndNotPublished()
    {
        var published = await _factory.RefreshAsync();
        _factory.Builder.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = _factory.CreateWriter();
        var id = (await client.PostAsync("/api/runs", null)).Headers.Location!.ToString().Split('/')[^1];

        var cancel = await client.PostAsync($"/api/runs/{id}/cancel", null);
        var run = await _factory.Services.GetRequiredService<RefreshCoordinator>().WaitAsync(id);
        var again = await client.PostAsync($"/api/runs/{id}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(RunStatus.Cancelled, run!.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(published.Id, await ServedSnapshotAsync());
        Assert.False(File.Exists(Path.Combine(_factory.DataDir, "snapshots", id + ".duckdb")));
    }

    [Fact]
    public async Task Refresh_ErrorTestFails_IsNotPublishedAndAlerts()
    {
        var good = await _factory.RefreshAsync();
        _factory.Builder.FailTest = true;

        var bad = await _factory.RefreshAsync();

        Assert.Equal(RunStatus.Failed, bad.Status);
        Assert.False(bad.Published);
        Assert.Contains("not_null_mart_well_summary_well_code", bad.Error);
        Assert.Equal(good.Id, await ServedSnapshotAsync());
        Assert.Equal(bad.Id, Assert.Single(_factory.Alerts.Failed).Id);
        Assert.False(File.Exists(Path.Combine(_factory.DataDir, "snapshots", bad.Id + ".duckdb")));
    }

    [Fact]
    public async Task Refresh_WarnTestFails_IsPublished()
    {
        var run = await _factory.RefreshAsync();

        Assert.True(run.Published);
        Assert.Contains(run.Nodes, node => node.Status == "warn");
    }

    [Fact]
    public async Task Refresh_DiskFull_IsReportedInRunAndAlert()
    {
        _factory.Builder.Throw = new IOException("No space left on device");

        var run = await _factory.RefreshAsync();

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("No space left on device", run.Error);
        Assert.Single(_factory.Alerts.Failed);
    }

    [Fact]
    public async Task RunsApi_ErrorNamingAServerPath_ShowsTheFolderByName()
    {
        var snapshot = Path.Combine(_factory.DataDir, "snapshots", "x.duckdb");
        _factory.Builder.Throw = new IOException($"Could not find file '{snapshot}'");
        var run = await _factory.RefreshAsync();

        var listed = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/api/runs")).RootElement;
        var one = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync($"/api/runs/{run.Id}")).RootElement;

        Assert.Contains(snapshot, run.Error);
        Assert.All(new[] { listed.GetProperty("items")[0], one }, shown =>
            Assert.Equal("IOException: Could not find file '<data>/snapshots/x.duckdb'", shown.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Refresh_SnapshotFolderUnwritable_FailsWithTheReason()
    {
        var snapshots = Path.Combine(_factory.DataDir, "snapshots");
        _ = _factory.Services.GetRequiredService<Wellhouse.Snapshots.SnapshotStore>();
        Directory.Delete(snapshots, recursive: true);
        await File.WriteAllTextAsync(snapshots, "a file where the folder should be");

        var run = await _factory.RefreshAsync();

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.False(string.IsNullOrWhiteSpace(run.Error));
        Assert.Single(_factory.Alerts.Failed);
    }

    [Theory]
    [InlineData("/api/runs/20990101T000000000Z-abcd")]
    [InlineData("/api/runs/..%2F..%2Fapi-key")]
    [InlineData("/api/runs/x/log")]
    [InlineData("/api/runs/..%2Fapi-key/log")]
    public async Task Get_UnknownOrTraversalId_Is404(string url)
    {
        var response = await _factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
