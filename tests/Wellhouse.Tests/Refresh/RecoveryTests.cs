using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Refresh;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Refresh;

/// <summary>What a restart finds after <c>kill -9</c> during a refresh: the previous snapshot and every batch.</summary>
public sealed class RecoveryTests
{
    [Fact]
    public async Task Restart_AfterKillDuringRefresh_ServesPreviousSnapshotAndKeepsBatches()
    {
        using var first = new WellhouseApiFactory();
        Assert.Equal(HttpStatusCode.Created, (await first.IngestCsvAsync(RawCsv.Rows(101, 3))).StatusCode);
        var published = await first.RefreshAsync();
        var dataDir = first.DataDir;
        // What a killed refresh leaves: a half-written snapshot file, its DuckDB spill folder, a half-written serving store
        // and its scratch file, a run marked running, a half-received upload.
        var killedId = "20991231T235959000Z-dead";
        await File.WriteAllTextAsync(Path.Combine(dataDir, "snapshots", killedId + ".duckdb"), "half a database");
        var spill = Directory.CreateDirectory(Path.Combine(dataDir, "snapshots", killedId + ".duckdb.tmp"));
        await File.WriteAllTextAsync(Path.Combine(spill.FullName, "duckdb_temp_storage-0.tmp"), "spilled pages");
        var store = Path.Combine(dataDir, "snapshots", killedId + ".serve.0d392cb7e8964f09b3cb8f73eeeb3a7f.tmp");
        await File.WriteAllTextAsync(store, "half a serving store");
        await File.WriteAllTextAsync(store + ".scratch", "its scratch columns");
        await File.WriteAllTextAsync(Path.Combine(dataDir, "runs", killedId + ".json"),
            $$"""{"id":"{{killedId}}","trigger":"api","status":"running","started_at":"2099-12-31T23:59:59Z"}""");
        await File.WriteAllTextAsync(Path.Combine(dataDir, "raw", "incoming", "x.upload"), "half an upload");

        using var restarted = new RestartedFactory(dataDir);
        var client = restarted.CreateClient();
        var read = await client.GetAsync("/api/wells/101");
        var run = restarted.Services.GetRequiredService<RunStore>().Find(killedId);
        var batches = await client.GetStringAsync("/api/ingest/batches");

        Assert.Equal(published.Id, read.Headers.GetValues("X-Data-Snapshot").Single());
        Assert.Equal(RunStatus.Abandoned, run!.Status);
        Assert.False(File.Exists(Path.Combine(dataDir, "snapshots", killedId + ".duckdb")));
        Assert.False(Directory.Exists(spill.FullName));
        Assert.False(File.Exists(store));
        Assert.False(File.Exists(store + ".scratch"));
        Assert.Empty(Directory.GetFiles(Path.Combine(dataDir, "raw", "incoming")));
        Assert.Contains("\"rows\":3", batches);
    }

    /// <summary>A second host over an existing data directory (the first one's), as a process restart.</summary>
    private sealed class RestartedFactory(string dataDir) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseSetting("Wellhouse:DataDir", dataDir);
            builder.UseSetting("Wellhouse:Bootstrap", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
