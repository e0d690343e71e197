using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Wellhouse.Dashboard;
using Wellhouse.Hosting;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;

namespace Wellhouse.Tests.Dashboard;

/// <summary>
/// The web host with the dashboard (<see cref="DashboardHosting"/>) over a temp data directory holding one published
/// <see cref="SampleSnapshot"/> and one finished run, plus
/// headless chromium. Deleted afterwards.
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

    public static string ScreenshotDir => DashboardHosting.ScreenshotDir;

    public async ValueTask InitializeAsync()
    {
        var warehouse = LineageFixture.Write(Path.Combine(_root, "warehouse"));
        _host = DashboardHosting.BuildHost([$"--Wellhouse:DataDir={Path.Combine(_root, "data")}", "--Wellhouse:Bootstrap=false",
            $"--{LineageSource.WarehouseDirKey}={warehouse}"], background: false);
        Publish(_host.Services);
        await _host.StartAsync();
        Url = DashboardHosting.Url(_host);
        Http.BaseAddress = new Uri(Url);
        (_playwright, Browser) = await DashboardHosting.LaunchBrowserAsync();
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

    public Task<(IPage Page, List<string> Errors)> NewPageAsync() => DashboardHosting.NewPageAsync(Browser);

    public async ValueTask DisposeAsync()
    {
        await DashboardHosting.StopAsync(_playwright, Browser, _host, _root);
        Http.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardServer>
{
    public const string Name = "dashboard";
}
