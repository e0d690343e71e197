using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Wellhouse.Snapshots;

namespace Wellhouse.Tests.Api;

/// <summary>
/// The README's first command, end to end with the real engine and warehouse/ project: a fresh data directory ingests
/// the bundled Volve sample, builds, tests and publishes a snapshot, and serves it.
/// </summary>
public sealed class BootstrapTests
{
    [Fact]
    public async Task FreshDataDirectory_IngestsSampleBuildsAndServesVolve()
    {
        using var data = new TempDirectory();
        using var factory = new BootstrapFactory(data.Path);
        var client = factory.CreateClient();
        var provider = factory.Services.GetRequiredService<SnapshotProvider>();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (provider.Current is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var runs = await client.GetStringAsync("/api/runs");
        Assert.True(provider.Current is not null, runs);
        var wells = JsonDocument.Parse(await client.GetStringAsync("/api/wells")).RootElement;
        var production = await client.GetAsync("/api/wells/7405/production?granularity=monthly&from=2014-05-01&to=2014-05-01");
        var row = JsonDocument.Parse(await production.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0];

        Assert.Equal(7, wells.GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, production.StatusCode);
        Assert.Equal("2014-05-01", row.GetProperty("month").GetString());
        Assert.True(row.GetProperty("oil_volume_kbbl").GetDouble() > 0);
        Assert.Contains("\"trigger\":\"bootstrap\"", runs.Replace(" ", ""));
    }

    private sealed class BootstrapFactory(string dataDir) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Wellhouse:DataDir", dataDir);
            builder.UseSetting("Wellhouse:Bootstrap", "true");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
