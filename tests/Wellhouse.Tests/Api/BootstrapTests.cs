using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        // Published comes before the run's end, which the bootstrap then logs.
        while (!factory.Log.Lines.Any(line => line.StartsWith("Bootstrap refresh ", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var log = factory.Log.Lines;
        Assert.Contains(log, line => line.StartsWith("Bootstrap: ingested the bundled sample ", StringComparison.Ordinal) && line.Contains(" rows, batch "));
        Assert.Contains(log, line => line.StartsWith("Bootstrap refresh ", StringComparison.Ordinal) && line.EndsWith("succeeded: snapshot published", StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.Contains("(null)", StringComparison.Ordinal));
    }

    private sealed class BootstrapFactory(string dataDir) : WebApplicationFactory<Program>
    {
        public LogLines Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Wellhouse:DataDir", dataDir);
            builder.UseSetting("Wellhouse:Bootstrap", "true");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Wellhouse.Hosting", "Information");
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
        }
    }

    /// <summary>The formatted messages the host logs, as an operator reads them.</summary>
    private sealed class LogLines : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
