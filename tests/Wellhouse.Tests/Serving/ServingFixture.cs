using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wellhouse.Generate;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// One snapshot built by the real warehouse from the bundled Volve sample (daily) and a small generated set (monthly,
/// the project's generator), served by two real servers on loopback over the same data directory: one answering
/// per-well series from the serving store, one with the store off (SQL on the snapshot's relations, as before it).
/// </summary>
public sealed class ServingFixture : IAsyncLifetime
{
    public const int GeneratedWells = 12;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "wellhouse-serving-" + Guid.NewGuid().ToString("N")[..8]);
    private IHost? _store;
    private IHost? _sql;

    public HttpClient Store { get; } = new();

    public HttpClient Sql { get; } = new();

    public string DataDir => Path.Combine(_root, "data");

    public string SnapshotId { get; private set; } = "";

    public IReadOnlyList<int> Wells { get; private set; } = [];

    internal IServiceProvider StoreServices => _store!.Services;

    public async ValueTask InitializeAsync()
    {
        _store = await StartAsync(servingStore: true);
        var services = _store.Services;
        var ingest = services.GetRequiredService<IngestService>();
        var sample = Wellhouse.Refresh.RepositoryPaths.Find(BundledSample.RelativePath)!;
        await IngestFileAsync(ingest, sample);
        var generated = Path.Combine(_root, "generated");
        GeneratedDataset.Write(new SyntheticWellOptions(GeneratedWells, 1826, Monthly: true, Seed: 7, new DateOnly(2019, 1, 1)), generated, parquet: false);
        foreach (var file in Directory.EnumerateFiles(generated, "well_production_part*.csv"))
        {
            await IngestFileAsync(ingest, file);
        }

        var refresh = services.GetRequiredService<RefreshCoordinator>();
        var run = refresh.TryStart("test").Started ?? throw new InvalidOperationException("refresh did not start");
        var done = await refresh.WaitAsync(run.Id);
        Assert.True(done?.Published == true, done?.Error);
        SnapshotId = run.Id;
        Assert.Equal(SnapshotId, services.GetRequiredService<SnapshotProvider>().Current?.Id);
        _sql = await StartAsync(servingStore: false);
        Store.BaseAddress = new Uri(Url(_store));
        Sql.BaseAddress = new Uri(Url(_sql));
        var list = System.Text.Json.JsonDocument.Parse(await Sql.GetStringAsync("/api/wells?page_size=1000")).RootElement;
        Wells = list.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("well_code").GetInt32()).ToList();
    }

    private async Task<IHost> StartAsync(bool servingStore)
    {
        var host = Host.CreateDefaultBuilder([
                $"--Wellhouse:DataDir={DataDir}", "--Wellhouse:Bootstrap=false", $"--Wellhouse:Api:ServingStore={servingStore}",
                "--Wellhouse:Api:Key=serving-test-key-0123",
                // No file watchers (appsettings reload): the machine's inotify instances are shared by many test runs.
                "--hostBuilder:reloadConfigOnChange=false",
            ])
            .ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureWebHostDefaults(web => web
                .UseUrls("http://127.0.0.1:0")
                .ConfigureServices(services => WellhouseWebHost.AddWellhouse(services, background: false))
                .Configure(WellhouseWebHost.UseWellhouse))
            .Build();
        await host.StartAsync();
        host.Services.GetRequiredService<SnapshotProvider>().Reload();
        return host;
    }

    private static async Task IngestFileAsync(IngestService ingest, string path)
    {
        await using var stream = File.OpenRead(path);
        var outcome = await ingest.IngestAsync(stream, UploadFormats.Detect(null, null, path) ?? UploadFormat.Csv, Path.GetFileName(path),
            skipInvalid: false, long.MaxValue, CancellationToken.None);
        Assert.True(outcome.Status is IngestStatus.Accepted, $"{path}: {outcome.Status} {outcome.Message}");
    }

    private static string Url(IHost host) =>
        host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    public async ValueTask DisposeAsync()
    {
        Store.Dispose();
        Sql.Dispose();
        foreach (var host in new[] { _store, _sql })
        {
            if (host is not null)
            {
                await host.StopAsync();
                host.Dispose();
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing host; the temp folder is cleaned by the system.
        }
    }
}
