using Microsoft.Extensions.Options;
using Wellhouse.Hosting;

namespace Wellhouse.Snapshots;

/// <summary>
/// The snapshot being served. <see cref="Reload"/> follows the publish pointer; the server calls it after its own
/// publishes and polls it for publishes by other processes (the CLI). Requests pin <see cref="Current"/> once at their
/// start, so one request never mixes two snapshots. Loading a snapshot maps its serving store (building it first when
/// it is missing or does not check out).
/// </summary>
internal sealed class SnapshotProvider(SnapshotStore store, IOptions<WellhouseOptions> options, ILogger<SnapshotProvider> logger,
    Serving.AnswerCache answers) : IDisposable
{
    private readonly Lock _gate = new();
    private volatile ServedSnapshot? _current;

    public ServedSnapshot? Current => _current;

    /// <summary>The last error met while opening the published snapshot (for /health), or null.</summary>
    public string? LastError { get; private set; }

    /// <summary>Whether this process serves snapshots (true unless told otherwise). A process that only builds them
    /// (`wellhouse refresh`) sets it false: <see cref="Reload"/> after its publish would map its serving store, read
    /// every page of it and render every well's monthly answer for nothing (at 100 M daily rows a 12 GB store: the
    /// command's peak resident memory went from 4.96 to 12.6 GB); the server follows the pointer and loads it.</summary>
    public bool Serves { get; set; } = true;

    public void Reload()
    {
        if (!Serves)
        {
            return;
        }

        var id = store.CurrentId();
        if (id is null || id == _current?.Id)
        {
            return;
        }

        lock (_gate)
        {
            if (id == _current?.Id)
            {
                return;
            }

            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var info = store.Find(id) ?? throw new InvalidOperationException($"published snapshot {id} has no finished build");
                var next = new ServedSnapshot(info, store.Database.OpenReader(id));
                var preRead = "";
                if (options.Value.Api.ServingStore)
                {
                    next.Serve = Serving.ServeStoreLoader.OpenOrBuild(store.ServePath(id), id, next.OpenConnection, logger);
                    if (next.Serve is { } opened)
                    {
                        // Every page in memory before the swap (the previous snapshot answers meanwhile): no request
                        // after it waits for the disk (docs/architecture.md, "Snapshots").
                        // Only when it takes at most half of the memory available now: a store past that (14.4 GB at
                        // 100 M daily rows on a 24 GB machine) would push the previous store and the page cache out.
                        var available = Serving.ServeStore.AvailableMemoryBytes();
                        if (opened.FileBytes <= available / 2)
                        {
                            var reading = System.Diagnostics.Stopwatch.GetTimestamp();
                            opened.PreRead();
                            preRead = FormattableString.Invariant($", pre-read in {System.Diagnostics.Stopwatch.GetElapsedTime(reading).TotalMilliseconds:F0} ms");
                        }
                        else
                        {
                            preRead = FormattableString.Invariant($", not pre-read: larger than half of the {available / 1048576.0:F0} MiB of memory available (its first reads wait for the disk)");
                            logger.LogWarning("Serving store {Path} ({MiB:F1} MiB) is not pre-read: larger than half of the {Available:F0} MiB of memory available; its first reads wait for the disk",
                                opened.Path, opened.FileBytes / 1048576.0, available / 1048576.0);
                        }
                    }
                }

                if (next.Serve is { } rendering)
                {
                    // The kept monthly answers too (the first pass of random monthly reads rendered them: docs/api.md).
                    var keeping = System.Diagnostics.Stopwatch.GetTimestamp();
                    // At a publish the previous snapshot answers meanwhile: one core is left to its requests.
                    var (kept, bytes) = answers.KeepAhead(rendering, cores: _current is null ? null : Environment.ProcessorCount - 1);
                    preRead += kept > 0
                        ? FormattableString.Invariant($", {kept} monthly answers ({bytes / 1048576.0:F1} MiB) rendered in {System.Diagnostics.Stopwatch.GetElapsedTime(keeping).TotalMilliseconds:F0} ms")
                        : "";
                }

                var previous = _current;
                _current = next;
                LastError = null;
                previous?.Dispose();
                logger.LogInformation("Serving snapshot {SnapshotId} ({Store}; ready in {Milliseconds:F0} ms)", id,
                    next.Serve is { } serve ? $"serving store {serve.FileBytes / 1048576.0:F1} MiB{preRead}" : "no serving store",
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (next.Serve is { } served)
                {
                    // Checked after it is served (docs/architecture.md, "Snapshots"): a damaged store is replaced by a
                    // rebuilt one, or by SQL when it cannot be rebuilt.
                    _ = Task.Run(() => next.Serve = Serving.ServeStoreLoader.VerifyOrRebuild(served, id, next.OpenConnection, logger));
                }
            }
            catch (Exception ex)
            {
                LastError = $"cannot open snapshot {id}: {ex.Message}";
                logger.LogError(ex, "Cannot open published snapshot {SnapshotId}", id);
            }
        }
    }

    public void Dispose() => _current?.Dispose();
}
