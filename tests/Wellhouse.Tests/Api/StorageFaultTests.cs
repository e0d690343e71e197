using System.Net;
using System.Text.Json;
using Wellhouse.Cli;

namespace Wellhouse.Tests.Api;

/// <summary>
/// A read-only data directory and a full disk (issue 16, item 7): every write answers a ProblemDetails that says so
/// (503 or 507), never 409 "another process is running" nor a bare 500; nothing half-written is left; reads go on; a
/// freed disk takes writes again.
/// </summary>
public sealed class StorageFaultTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Problem)> PostAsync(HttpClient client, string url, HttpContent? content = null)
    {
        var response = await client.PostAsync(url, content);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    private static StringContent Csv(int wellCode) => new(RawCsv.Rows(wellCode, 3), System.Text.Encoding.UTF8, "text/csv");

    [Fact]
    public async Task ReadOnlyDataDirectory_WritesAre503NamingIt_ReadsGoOn()
    {
        using var factory = new WellhouseApiFactory();
        Assert.Equal(HttpStatusCode.Created, (await factory.IngestCsvAsync(RawCsv.Rows(101, 3))).StatusCode);
        var published = await factory.RefreshAsync();
        var client = factory.CreateWriter();

        using (ScratchMount.ReadOnly(factory.DataDir))
        {
            var run = await PostAsync(client, "/api/runs");
            var ingest = await PostAsync(client, "/api/ingest", Csv(202));
            var publish = await PostAsync(client, $"/api/snapshots/{published.Id}/publish");
            var read = await client.GetAsync("/api/wells/101");
            var health = await client.GetAsync("/health");

            foreach (var (status, problem) in new[] { run, ingest, publish })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
                Assert.Equal("Data directory not writable", problem.GetProperty("title").GetString());
                Assert.Matches("read-only file system|permission denied", problem.GetProperty("detail").GetString());
                Assert.DoesNotContain(factory.DataDir, problem.GetProperty("detail").GetString());
            }

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }
    }

    [Fact]
    public async Task FullDisk_WritesAre507_NothingHalfWritten_AndWritesWorkOnceSpaceIsFreed()
    {
        using var factory = new WellhouseApiFactory();
        using var disk = ScratchMount.Tmpfs(factory.DataDir, 48L << 20);
        if (disk is null)
        {
            Assert.Skip("Mounting a small tmpfs needs root with CAP_SYS_ADMIN (the project's container and CI have it).");
        }

        Assert.Equal(HttpStatusCode.Created, (await factory.IngestCsvAsync(RawCsv.Rows(101, 3))).StatusCode);
        var published = await factory.RefreshAsync();
        Assert.True(published.Published, published.Error);
        var client = factory.CreateWriter();
        var filler = ScratchMount.Fill(factory.DataDir);

        var ingest = await PostAsync(client, "/api/ingest", Csv(202));
        var run = await PostAsync(client, "/api/runs");
        var publish = await PostAsync(client, $"/api/snapshots/{published.Id}/publish");

        foreach (var (status, problem) in new[] { ingest, run, publish })
        {
            Assert.Equal(HttpStatusCode.InsufficientStorage, status);
            Assert.Equal("Data directory full", problem.GetProperty("title").GetString());
            Assert.Contains("no space left on device", problem.GetProperty("detail").GetString());
        }

        Assert.Single(Directory.GetFiles(Path.Combine(factory.DataDir, "raw", "batches"), "*.parquet"));
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.DataDir, "raw", "incoming")));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(factory.DataDir, "snapshots")), path => path.EndsWith(".tmp", StringComparison.Ordinal));

        File.Delete(filler);
        var again = await client.PostAsync("/api/ingest", Csv(202));

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("refresh")]
    public async Task Cli_ReadOnlyDataDirectory_ExitsOneWithASentence(string verb)
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "rows.csv");
        await File.WriteAllTextAsync(file, RawCsv.Rows(101, 2));
        var data = Path.Combine(temp.Path, "data");
        Assert.Equal(0, await WellhouseCli.RunAsync(["ingest", file, "--data-dir", data], new StringWriter(), new StringWriter()));
        var error = new StringWriter();

        int exit;
        using (ScratchMount.ReadOnly(data))
        {
            exit = await WellhouseCli.RunAsync(verb == "ingest" ? ["ingest", file, "--data-dir", data] : ["refresh", "--data-dir", data],
                new StringWriter(), error);
        }

        Assert.Equal(1, exit);
        Assert.Matches("the data directory cannot be written \\((read-only file system|permission denied)\\); nothing was written", error.ToString());
        Assert.DoesNotContain("   at ", error.ToString());
    }
}
