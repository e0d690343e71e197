using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Wellhouse.Dashboard;
using Wellhouse.Hosting;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;

namespace Wellhouse.Tests.Dashboard;

/// <summary>
/// The web host on a loopback port (a real Kestrel, since a browser cannot reach a TestServer) with the dashboard
/// mapped, over a temp data directory holding one published <see cref="SampleSnapshot"/> and one finished run, plus
/// headless Debian chromium driven by Playwright (no browser is downloaded). Deleted afterwards.
/// </summary>
public sealed class DashboardServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wellhouse-dashboard-" + Guid.NewGuid().ToString("N")[..8]);
    private IHost? _host;
    private IPlaywright? _playwright;

    public string Url { get; private set; } = "";

    public string RunId { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    /// <summary>Where the browser tests save their screenshots (in the test output).</summary>
    public static string ScreenshotDir => Path.Combine(AppContext.BaseDirectory, "dashboard-screenshots");

    public async ValueTask InitializeAsync()
    {
        var data = Path.Combine(_root, "data");
        var warehouse = LineageFixture.Write(Path.Combine(_root, "warehouse"));
        _host = Host.CreateDefaultBuilder([
                $"--Wellhouse:DataDir={data}", "--Wellhouse:Bootstrap=false", $"--{LineageSource.WarehouseDirKey}={warehouse}"])
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHostDefaults(web => web
                .UseUrls("http://127.0.0.1:0")
                .ConfigureServices(services => WellhouseWebHost.AddWellhouse(services, background: false))
                .Configure(app =>
                {
                    WellhouseWebHost.UseWellhouse(app);
                    app.UseEndpoints(endpoints => endpoints.MapDashboard());
                }))
            .Build();
        Publish(_host.Services);
        await _host.StartAsync();
        Url = _host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Http.BaseAddress = new Uri(Url);
        Directory.CreateDirectory(ScreenshotDir);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    private void Publish(IServiceProvider services)
    {
        services.GetRequiredService<DataDirectory>().EnsureCreated();
        var store = services.GetRequiredService<SnapshotStore>();
        var builtAt = DateTimeOffset.UtcNow.AddHours(-2);
        var id = SnapshotIds.New(builtAt);
        SampleSnapshot.Write(store.DatabasePath(id));
        store.Finish(new SnapshotInfo { Id = id, BuiltAt = builtAt, RunId = id, RawBatches = ["sample"], TestsPassed = 3, TestsWarned = 1 });
        Assert.True(store.Publish(id));
        services.GetRequiredService<SnapshotProvider>().Reload();
        RunId = id;
        services.GetRequiredService<RunStore>().Save(new RefreshRun
        {
            Id = id,
            Trigger = "bootstrap",
            Status = RunStatus.Succeeded,
            StartedAt = builtAt.AddSeconds(-9),
            FinishedAt = builtAt,
            DurationSeconds = 9,
            Published = true,
            RawBatches = 1,
            Nodes =
            [
                new NodeResult("seed.wellhouse.prices", "seed", "success", 0.12),
                new NodeResult("model.wellhouse.stg_well_production", "model", "success", 1.5),
                new NodeResult("model.wellhouse.int_declining_curves", "model", "success", 4.25),
                new NodeResult("model.wellhouse.mart_production_monthly", "model", "success", 0.75),
                new NodeResult("test.wellhouse.not_null_stg_well_production_well_code", "test", "pass", 0.02, Failures: 0),
                new NodeResult("test.wellhouse.assert_no_negative_rates", "test", "pass", 0.03, Failures: 0),
                new NodeResult("test.wellhouse.unique_mart_well_summary_well_code", "test", "pass", 0.01, Failures: 0),
                new NodeResult("test.wellhouse.assert_revenue_months_have_prices", "test", "warn", 0.02, "1 month without a price", 1),
            ],
        });
    }

    /// <summary>A new browser page on a laptop-sized viewport; console errors and page errors are collected.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 800 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        Http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process; the temp folder is cleaned by the system.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard";
}
