using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using Wellhouse.Snapshots;

namespace Wellhouse.Tests.Dashboard;

/// <summary>
/// The dashboard as the README's run command shows it: a fresh data directory, the host's start-up bootstrap ingests
/// the bundled Volve sample and builds the real warehouse/ project into the first snapshot. Waits for it (a few
/// seconds) and fails with the run's error if it is not published.
/// </summary>
public sealed class BundledSampleServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "wellhouse-dashboard-sample-" + Guid.NewGuid().ToString("N")[..8]);
    private IHost? _host;
    private IPlaywright? _playwright;

    public string Url { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _host = DashboardHosting.BuildHost([$"--Wellhouse:DataDir={Path.Combine(_root, "data")}"], background: true);
        await _host.StartAsync();
        var provider = _host.Services.GetRequiredService<SnapshotProvider>();
        for (var waited = 0; provider.Current is null && waited < 180; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.True(provider.Current is not null, "the bootstrap refresh of the bundled sample published no snapshot: "
            + string.Join("; ", _host.Services.GetRequiredService<Wellhouse.Refresh.RunStore>().List(5).Select(run => $"{run.Status} {run.Error}")));
        Url = DashboardHosting.Url(_host);
        Http.BaseAddress = new Uri(Url);
        (_playwright, Browser) = await DashboardHosting.LaunchBrowserAsync();
    }

    public Task<(IPage Page, List<string> Errors)> NewPageAsync() => DashboardHosting.NewPageAsync(Browser);

    public async ValueTask DisposeAsync()
    {
        await DashboardHosting.StopAsync(_playwright, Browser, _host, _root);
        Http.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BundledSampleCollection : ICollectionFixture<BundledSampleServer>
{
    public const string Name = "dashboard-bundled-sample";
}
