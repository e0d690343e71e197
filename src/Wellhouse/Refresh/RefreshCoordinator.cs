using Microsoft.Extensions.Options;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Snapshots;

namespace Wellhouse.Refresh;

/// <summary>How a request to start a refresh ended: the new run, or the one already running (409).</summary>
internal sealed record RefreshStart(RefreshRun? Started, string? RunningId);

/// <summary>
/// Runs refreshes one at a time: raw store -> new snapshot file (the builder) -> tests -> publish only if no node
/// blocks it -> keep the newest N. One at a time within the process (a gate) and across processes (an exclusive lock on
/// <c>refresh.lock</c>, <see cref="RefreshLock"/>), so the CLI and the server never build at once. A failed, cancelled
/// or killed build leaves the served snapshot untouched: its file is never published and is removed (a killed one by
/// <see cref="TryRecover"/>, at the next start or when a run is read or started).
/// </summary>
internal sealed partial class RefreshCoordinator(
    IWarehouseBuilder builder,
    RawStore raw,
    SnapshotStore snapshots,
    SnapshotProvider provider,
    RunStore runs,
    IRefreshAlert alert,
    WellhouseMetrics metrics,
    RefreshLock refreshLock,
    IOptions<WellhouseOptions> options,
    TimeProvider time,
    ILogger<RefreshCoordinator> logger)
{
    private readonly Lock _gate = new();
    private RefreshRun? _running;
    private CancellationTokenSource? _cancel;
    private Task<RefreshRun>? _task;

    /// <summary>The id of the run in progress in this process, or null.</summary>
    public string? RunningId => _running?.Id;

    /// <summary>Starts a refresh in the background, unless one is running (here or in another process).</summary>
    public RefreshStart TryStart(string trigger, bool fullRefresh = false)
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                return new RefreshStart(null, _running.Id);
            }

            var fileLock = refreshLock.TryAcquire();
            if (fileLock is null)
            {
                return new RefreshStart(null, "another process");
            }

            var now = time.GetUtcNow();
            var run = new RefreshRun { Id = SnapshotIds.New(now), Trigger = trigger, Status = RunStatus.Running, StartedAt = now,
                FullRefreshRequested = fullRefresh };
            try
            {
                RecoverLocked();
                runs.Save(run);
            }
            catch
            {
                fileLock.Dispose();
                throw;
            }

            _running = run;
            _cancel = new CancellationTokenSource();
            var token = _cancel.Token;
            _task = Task.Run(() => ExecuteAsync(run, fileLock, token), CancellationToken.None);
            return new RefreshStart(run, null);
        }
    }

    /// <summary>Requests cancellation of the running run; false when <paramref name="id"/> is not running here.</summary>
    public bool Cancel(string id)
    {
        lock (_gate)
        {
            if (_running?.Id != id || _cancel is null)
            {
                return false;
            }

            _cancel.Cancel();
            return true;
        }
    }

    /// <summary>Waits for the run in progress (if any) to end; for the CLI, bootstrap and tests.</summary>
    public async Task<RefreshRun?> WaitAsync(string id)
    {
        Task<RefreshRun>? task;
        lock (_gate)
        {
            task = _running?.Id == id ? _task : null;
        }

        return task is null ? runs.Find(id) : await task.ConfigureAwait(false);
    }

    /// <summary>
    /// Cleans up after refreshes whose process died (a killed server or <c>wellhouse refresh</c>): deletes unfinished
    /// snapshot files, marks runs still "running" abandoned, prunes runs/. Only under refresh.lock, so never while a live
    /// process builds (its files are its own): false when a refresh holds the lock, or the data directory cannot be
    /// written (logged).
    /// </summary>
    public bool TryRecover()
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                return false;
            }

            try
            {
                using var fileLock = refreshLock.TryAcquire();
                if (fileLock is null)
                {
                    return false;
                }

                RecoverLocked();
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Recovery of interrupted refreshes failed");
                return false;
            }
        }
    }

    /// <summary>
    /// Retracts a raw batch under refresh.lock (a build reads the batch files): null with the running refresh's id (or
    /// "another process") while one runs; the batch, or null when there is no such batch, otherwise.
    /// </summary>
    public (BatchInfo? Retracted, string? RunningId) TryRetract(string batchId)
    {
        lock (_gate)
        {
            if (_running is not null)
            {
                return (null, _running.Id);
            }

            using var fileLock = refreshLock.TryAcquire();
            if (fileLock is null)
            {
                return (null, "another process");
            }

            var batch = raw.Retract(batchId);
            if (batch is not null)
            {
                logger.LogWarning("Retracted raw batch {BatchId} ({Rows} rows from {Source}, received {ReceivedAt:O}); the next refresh rebuilds every model",
                    batch.Id, batch.Rows, batch.SourceName ?? "upload", batch.ReceivedAt);
            }

            return (batch, null);
        }
    }

    /// <summary>What recovery does; the caller holds refresh.lock and no refresh runs in this process.</summary>
    private void RecoverLocked()
    {
        snapshots.Recover();
        runs.MarkAbandoned(time.GetUtcNow());
        runs.Prune(options.Value.Refresh.KeepRuns, snapshots.List().Select(listing => listing.Snapshot.Id).ToHashSet(StringComparer.Ordinal));
    }
}
