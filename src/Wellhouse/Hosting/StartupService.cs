using Microsoft.Extensions.Options;
using Wellhouse.Ingest;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;

namespace Wellhouse.Hosting;

/// <summary>
/// At start: creates the data directory, cleans up after a crash (half-received uploads; unfinished builds and runs left
/// "running", only when no live process holds refresh.lock), opens the published snapshot, and on a first start (no snapshot, <c>Wellhouse:Bootstrap</c>) ingests
/// the bundled sample and refreshes, in the background.
/// </summary>
internal sealed class StartupService(
    DataDirectory data,
    RawStore raw,
    SnapshotProvider provider,
    RefreshCoordinator refresh,
    IngestService ingest,
    ApiKey apiKey,
    IOptions<WellhouseOptions> options,
    ILogger<StartupService> logger,
    IEnumerable<ISampleData> samples) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            data.EnsureCreated();
            raw.Recover();
            if (!refresh.TryRecover())
            {
                // A `wellhouse refresh` holds refresh.lock: its unfinished snapshot and its run are its own (they are
                // recovered when a run is next read or started, if its process has died by then).
                logger.LogWarning("{Lock} is held by another process: its refresh in progress is left alone", data.RefreshLock);
            }

            apiKey.EnsureLoaded();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "The data directory {DataDir} is not usable", data.Root);
        }

        provider.Reload();
        logger.LogInformation("Data directory: {DataDir}; serving snapshot {SnapshotId}", data.Root, provider.Current?.Id ?? "(none)");
        if (options.Value.Bootstrap && provider.Current is null)
        {
            _ = Task.Run(() => BootstrapAsync(CancellationToken.None), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task BootstrapAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (raw.List().Count == 0)
            {
                foreach (var sample in samples)
                {
                    var path = await sample.WriteAsync(data.Incoming, cancellationToken);
                    await using var stream = File.OpenRead(path);
                    var outcome = await ingest.IngestAsync(stream, UploadFormats.Detect(null, null, path) ?? UploadFormat.Csv,
                        Path.GetFileName(path), skipInvalid: false, long.MaxValue, cancellationToken);
                    if (outcome.Result is { } result)
                    {
                        logger.LogInformation("Bootstrap: ingested the bundled sample {Name}: {Rows} rows, batch {BatchId}",
                            Path.GetFileName(path), result.Batch.Rows, result.Batch.Id);
                    }
                    else
                    {
                        logger.LogError("Bootstrap: the bundled sample {Name} was not ingested ({Status}): {Message}",
                            Path.GetFileName(path), outcome.Status, outcome.Message);
                    }

                    File.Delete(path);
                }
            }

            if (raw.List().Count > 0)
            {
                var start = refresh.TryStart("bootstrap");
                if (start.Started is { } run)
                {
                    var done = await refresh.WaitAsync(run.Id);
                    if (done is { Error: { } error })
                    {
                        logger.LogError("Bootstrap refresh {RunId} {Status}: {Error}", run.Id, done.Status, error);
                    }
                    else
                    {
                        logger.LogInformation("Bootstrap refresh {RunId} {Status}{Published}", run.Id, done?.Status,
                            done?.Published == true ? ": snapshot published" : string.Empty);
                    }

                }
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Bootstrap failed");
        }
    }
}

/// <summary>Bundled sample data for a first start: writes a file in the raw contract (CSV/JSON/Parquet) and returns its path.</summary>
internal interface ISampleData
{
    Task<string> WriteAsync(string folder, CancellationToken cancellationToken);
}

/// <summary>Follows publishes made by other processes (the CLI's refresh) by polling the pointer file.</summary>
internal sealed class SnapshotPointerWatcher(SnapshotProvider provider, IOptions<WellhouseOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Refresh.PointerPollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            provider.Reload();
        }
    }
}
