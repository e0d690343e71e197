using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Refresh;

/// <summary>
/// Recovery respects refresh.lock (issue 16, items 3 and 11): a server started while another process refreshes leaves
/// that refresh's files and run alone; once that process is killed (the kernel drops its lock), the run is marked
/// abandoned and its files removed the next time runs are read, without a restart. runs/ is pruned to the newest N.
/// The other process is util-linux flock(1), which takes the same flock(2) lock as .NET's FileShare.None.
/// </summary>
public sealed class RefreshLockRecoveryTests
{
    private const string RunId = "20261206T120000000Z-c11a";

    /// <summary>Another process holding an exclusive flock on the file until it is killed (as a `wellhouse refresh` would).</summary>
    private sealed class LockHolder : IDisposable
    {
        private readonly Process _process;

        public LockHolder(string path)
        {
            var start = new ProcessStartInfo("flock") { ArgumentList = { "--exclusive", "--close", path, "sleep", "600" } };
            _process = Process.Start(start)!;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!IsHeld(path))
            {
                Assert.True(DateTime.UtcNow < deadline, "flock did not take the lock");
                Thread.Sleep(50);
            }
        }

        public static bool IsHeld(string path)
        {
            try
            {
                using var probe = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return false;
            }
            catch (IOException)
            {
                return true;
            }
        }

        /// <summary>kill -9 of the holder and its child.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }
    }

    private static async Task<string> RunStatusAsync(HttpClient client, string id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{id}")).RootElement.GetProperty("status").GetString()!;

    [Fact]
    public async Task Start_WhileAnotherProcessRefreshes_LeavesItsBuild_ThenRecoversItWhenThatProcessDies()
    {
        using var factory = new WellhouseApiFactory();
        // What a `wellhouse refresh` in progress has on disk: its run marked running, the snapshot it is writing.
        var snapshot = Path.Combine(factory.DataDir, "snapshots", RunId + ".duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
        Directory.CreateDirectory(Path.Combine(factory.DataDir, "runs"));
        await File.WriteAllTextAsync(snapshot, "a database being written");
        await File.WriteAllTextAsync(Path.Combine(factory.DataDir, "runs", RunId + ".json"),
            $$"""{"id":"{{RunId}}","trigger":"cli","status":"running","started_at":"2026-12-06T12:00:00Z"}""");
        using var cli = new LockHolder(Path.Combine(factory.DataDir, "refresh.lock"));

        var client = factory.CreateWriter();
        var during = await RunStatusAsync(client, RunId);
        var start = await client.PostAsync("/api/runs", null);

        Assert.Equal("running", during);
        Assert.True(File.Exists(snapshot), "start-up recovery deleted the snapshot of a live refresh");
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);

        cli.Kill();
        var after = await RunStatusAsync(client, RunId);
        var list = await client.GetStringAsync("/api/runs");

        Assert.Equal("abandoned", after);
        Assert.DoesNotContain("\"running\"", list);
        Assert.False(File.Exists(snapshot), "the dead refresh's snapshot is still there");
        // 503 all the same: nothing was ever published here.
        var health = JsonDocument.Parse(await (await client.GetAsync("/health")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("abandoned", health.GetProperty("latest_refresh_status").GetString());
    }

    [Fact]
    public async Task Runs_BeyondKeepRuns_ArePrunedWithTheirLogsAndArtifacts()
    {
        using var factory = new WellhouseApiFactory().With("Wellhouse:Refresh:KeepRuns", "3");
        var runs = Path.Combine(factory.DataDir, "runs");
        Directory.CreateDirectory(runs);
        var ids = Enumerable.Range(1, 6).Select(day => $"202601{day:00}T000000000Z-a00{day}").ToList();
        foreach (var id in ids)
        {
            await File.WriteAllTextAsync(Path.Combine(runs, id + ".json"),
                $$"""{"id":"{{id}}","trigger":"schedule","status":"succeeded","started_at":"2026-01-01T00:00:00Z"}""");
            await File.WriteAllTextAsync(Path.Combine(runs, id + ".log"), "log");
            Directory.CreateDirectory(Path.Combine(runs, id));
            await File.WriteAllTextAsync(Path.Combine(runs, id, "run_results.json"), "{}");
        }

        var run = await factory.RefreshAsync();

        Assert.True(run.Published, run.Error);
        var left = Directory.GetFiles(runs, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([ids[3], ids[4], ids[5], run.Id], left);
        Assert.False(File.Exists(Path.Combine(runs, ids[0] + ".log")));
        Assert.False(Directory.Exists(Path.Combine(runs, ids[0])));
        Assert.True(Directory.Exists(Path.Combine(runs, ids[5])));
    }
}
