using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wellhouse.Hosting;
using Wellhouse.Snapshots;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Clients;

/// <summary>
/// <c>wellhouse serve</c>'s host on a loopback port (real Kestrel, reached by other processes such as node), over a fresh
/// data directory with a known API key; with <paramref name="bootstrap"/> it ingests the bundled sample and builds the
/// real warehouse into the first snapshot, and waits for it. <paramref name="settings"/> are more configuration keys.
/// </summary>
public sealed class LiveServer(bool bootstrap, bool readsNeedKey = false, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    public const string Key = "live-key-0123456789";

    private readonly TempDirectory _data = new();
    private IHost? _host;

    public string Url { get; private set; } = "";

    public IServiceProvider Services => _host!.Services;

    public string DataDir => _data.Path;

    public async Task StartAsync()
    {
        string[] args =
        [
            $"--Wellhouse:DataDir={_data.Path}", $"--Wellhouse:Bootstrap={bootstrap}", $"--Wellhouse:Api:Key={Key}",
            $"--Wellhouse:Api:RequireKeyForReads={readsNeedKey}",
            .. (settings ?? new Dictionary<string, string>()).Select(setting => $"--{setting.Key}={setting.Value}"),
        ];
        _host = Host.CreateDefaultBuilder(args)
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHostDefaults(web => web
                .UseUrls("http://127.0.0.1:0")
                .ConfigureServices(services => WellhouseWebHost.AddWellhouse(services, background: true))
                .Configure(WellhouseWebHost.UseWellhouse))
            .Build();
        await _host.StartAsync();
        Url = _host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        if (bootstrap)
        {
            var provider = _host.Services.GetRequiredService<SnapshotProvider>();
            for (var waited = 0; provider.Current is null && waited < 900; waited++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }

            Assert.True(provider.Current is not null, "the bootstrap refresh of the bundled sample published no snapshot: "
                + string.Join("; ", _host.Services.GetRequiredService<Wellhouse.Refresh.RunStore>().List(5).Select(run => $"{run.Status} {run.Error}")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _data.Dispose();
    }
}
