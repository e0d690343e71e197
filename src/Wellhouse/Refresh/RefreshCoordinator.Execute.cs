using Wellhouse.Snapshots;

namespace Wellhouse.Refresh;

internal sealed partial class RefreshCoordinator
{
    private async Task<RefreshRun> ExecuteAsync(RefreshRun run, FileStream fileLock, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var snapshotPath = snapshots.DatabasePath(run.Id);
        StreamWriter? log = null;
        try
        {
            log = new StreamWriter(runs.LogPath(run.Id), append: true) { AutoFlush = true };
            var batches = raw.List();
            var state = builder.DescribeProject();
            var parent = snapshots.CurrentId() is { } currentId ? snapshots.Find(currentId) : null;
            var plan = RefreshPlan.Decide(run.FullRefreshRequested, parent, state, batches.Select(batch => batch.Id).ToList(),
                builder.BuildsIncrementally);
            var parentBatches = parent?.RawBatches.ToHashSet(StringComparer.Ordinal) ?? [];
            var newBatchFiles = batches.Where(batch => !parentBatches.Contains(batch.Id)).Select(batch => raw.ParquetPath(batch.Id)).ToList();
            if (plan.IsIncremental)
            {
                // Most wells to recompute whole: a full build costs less (docs/architecture.md, "Snapshots", step 1).
                var (changed, wells) = IncrementalSnapshot.CountWells(batches.Select(batch => raw.ParquetPath(batch.Id)).ToList(), newBatchFiles,
                    plan.ParentId is { } countParent ? snapshots.DatabasePath(countParent) : null);
                plan = plan.WithChangedWells(changed, wells);
            }

            run = run with { RawBatches = batches.Count, Mode = plan.Mode, ParentId = plan.ParentId, ModeReason = plan.Reason };
            TrySave(run);
            await log.WriteLineAsync($"{time.GetUtcNow():O} refresh {run.Id} ({run.Trigger}): {batches.Count} raw batches -> {snapshotPath}");
            await log.WriteLineAsync($"mode {plan.Mode}: {plan.Reason}");
            var outcome = await builder.BuildAsync(
                new BuildRequest(snapshotPath, batches.Select(batch => raw.ParquetPath(batch.Id)).ToList(), log)
                {
                    Plan = plan,
                    ParentPath = plan.ParentId is { } parentId ? snapshots.DatabasePath(parentId) : null,
                    NewRawBatchFiles = plan.IsIncremental
                        ? newBatchFiles
                        : [],
                }, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var blocking = outcome.Nodes.Where(node => node.BlocksPublish).ToList();
            run = run with { Nodes = outcome.Nodes };
            if (!outcome.Succeeded || blocking.Count > 0)
            {
                var reason = outcome.Error ?? $"{blocking.Count} node(s) failed: {string.Join(", ", blocking.Select(node => node.UniqueId))}";
                await log.WriteLineAsync($"not published: {reason}");
                return await FailAsync(run, RunStatus.Failed, reason, snapshotPath, started);
            }

            Serving.ServeBuildReport serve;
            using (var reader = snapshots.Database.OpenReader(run.Id))
            {
                serve = Serving.ServeStoreLoader.Build(reader, snapshots.ServePath(run.Id), run.Id,
                    plan.ParentId is { } parentStore ? new Serving.ServePrevious(snapshots.ServePath(parentStore), parentStore) : null);
            }

            await log.WriteLineAsync(serve.ToString());
            foreach (var step in serve.Steps)
            {
                await log.WriteLineAsync("    " + step);
            }

            snapshots.Finish(new SnapshotInfo
            {
                Id = run.Id,
                BuiltAt = time.GetUtcNow(),
                RunId = run.Id,
                RawBatches = batches.Select(batch => batch.Id).ToList(),
                TestsPassed = outcome.Nodes.Count(node => node is { ResourceType: "test", Status: "pass" }),
                TestsWarned = outcome.Nodes.Count(node => node is { ResourceType: "test", Status: "warn" }),
                SizeBytes = snapshots.Database.SizeBytes(run.Id),
                Mode = plan.Mode,
                ParentId = plan.ParentId,
                ModeReason = plan.Reason,
                ProjectState = state,
            });
            snapshots.Publish(run.Id);
            provider.Reload();
            snapshots.Prune(options.Value.Refresh.KeepSnapshots);
            await log.WriteLineAsync($"{time.GetUtcNow():O} published snapshot {run.Id}");
            run = Finished(run, RunStatus.Succeeded, null, started) with { Published = true };
            metrics.RefreshFinished(run.Status, run.DurationSeconds ?? 0, outcome.Nodes.Count(node => node.Status is "warn" or "fail"));
            TrySave(run);
            return run;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await FailAsync(run, RunStatus.Cancelled, "cancelled", snapshotPath, started);
        }
        catch (Exception ex)
        {
            // A full disk, an unwritable folder or a builder crash: reported in the run, the log and the alert.
            logger.LogError(ex, "Refresh {RunId} crashed", run.Id);
            TryWrite(log, $"error: {ex.Message}");
            return await FailAsync(run, RunStatus.Failed, $"{ex.GetType().Name}: {ex.Message}", snapshotPath, started);
        }
        finally
        {
            if (log is not null)
            {
                await log.DisposeAsync();
            }

            lock (_gate)
            {
                _running = null;
                _cancel?.Dispose();
                _cancel = null;
            }

            await fileLock.DisposeAsync();
        }
    }

    private async Task<RefreshRun> FailAsync(RefreshRun run, string status, string reason, string snapshotPath, long started)
    {
        snapshots.Delete(Path.GetFileNameWithoutExtension(snapshotPath));
        run = Finished(run, status, reason, started);
        metrics.RefreshFinished(status, run.DurationSeconds ?? 0, run.Nodes.Count(node => node.Status is "warn" or "fail"));
        TrySave(run);
        if (status != RunStatus.Cancelled)
        {
            try
            {
                await alert.RefreshFailedAsync(run, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Alert for refresh {RunId} failed", run.Id);
            }
        }

        return run;
    }

    private RefreshRun Finished(RefreshRun run, string status, string? error, long started) => run with
    {
        Status = status,
        Error = error,
        FinishedAt = time.GetUtcNow(),
        DurationSeconds = time.GetElapsedTime(started).TotalSeconds,
    };

    private void TrySave(RefreshRun run)
    {
        try
        {
            runs.Save(run);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError(ex, "Cannot record refresh {RunId}", run.Id);
        }
    }

    private static void TryWrite(StreamWriter? log, string line)
    {
        try
        {
            log?.WriteLine(line);
        }
        catch (IOException)
        {
            // The log is best effort; the run record carries the error.
        }
    }
}
