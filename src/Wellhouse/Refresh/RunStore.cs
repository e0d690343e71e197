using System.Text.Json;
using Wellhouse.Hosting;
using Wellhouse.Snapshots;

namespace Wellhouse.Refresh;

/// <summary>The history of refresh runs: <c>runs/&lt;id&gt;.json</c> (replaced atomically on each change) and <c>runs/&lt;id&gt;.log</c>.</summary>
internal sealed class RunStore(DataDirectory data)
{
    public string LogPath(string id) => Path.Combine(data.Runs, id + ".log");

    private string RunPath(string id) => Path.Combine(data.Runs, id + ".json");

    public void Save(RefreshRun run)
    {
        Directory.CreateDirectory(data.Runs);
        DurableFile.WriteAllText(RunPath(run.Id), JsonSerializer.Serialize(run, SnapshotStore.Json));
    }

    public RefreshRun? Find(string id)
    {
        if (!SnapshotIds.IsValid(id) || !File.Exists(RunPath(id)))
        {
            return null;
        }

        return JsonSerializer.Deserialize<RefreshRun>(File.ReadAllText(RunPath(id)), SnapshotStore.Json);
    }

    /// <summary>Runs, newest first.</summary>
    public IReadOnlyList<RefreshRun> List(int limit)
    {
        return Newest()
            .Take(limit)
            .Select(Find)
            .OfType<RefreshRun>()
            .ToList();
    }

    /// <summary>
    /// The newest finished run that is not a cancellation, and how many runs in a row (newest first, cancellations
    /// skipped) failed or were abandoned before the latest success; reads at most <paramref name="scan"/> run files.
    /// </summary>
    public (RefreshRun? Latest, int FailedInARow) RefreshRecord(int scan = 50)
    {
        RefreshRun? latest = null;
        var failed = 0;
        foreach (var run in Newest().Take(scan).Select(Find))
        {
            if (run is null || run.Status is RunStatus.Running or RunStatus.Cancelled)
            {
                continue;
            }

            latest ??= run;
            if (run.Status == RunStatus.Succeeded)
            {
                break;
            }

            failed++;
        }

        return (latest, failed);
    }

    private IEnumerable<string> Newest() => !Directory.Exists(data.Runs) ? [] :
        Directory.EnumerateFiles(data.Runs, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(SnapshotIds.IsValid)
            .OrderDescending(StringComparer.Ordinal);

    public string? ReadLog(string id) =>
        SnapshotIds.IsValid(id) && File.Exists(LogPath(id)) ? File.ReadAllText(LogPath(id)) : null;

    /// <summary>
    /// Deletes the runs (record, log, artifacts folder) beyond the newest <paramref name="keep"/>, except runs still
    /// marked running and the runs of <paramref name="keptSnapshots"/> (a snapshot's run has its id).
    /// </summary>
    public void Prune(int keep, IReadOnlySet<string> keptSnapshots)
    {
        foreach (var id in Newest().Skip(Math.Max(keep, 1)).Where(id => !keptSnapshots.Contains(id)).ToList())
        {
            if (Find(id) is { Status: RunStatus.Running })
            {
                continue;
            }

            File.Delete(LogPath(id));
            var artifacts = Path.Combine(data.Runs, id);
            if (Directory.Exists(artifacts))
            {
                Directory.Delete(artifacts, recursive: true);
            }

            File.Delete(RunPath(id));
        }
    }

    /// <summary>Runs still marked running whose process is gone (the caller holds refresh.lock): abandoned.</summary>
    public void MarkAbandoned(DateTimeOffset now)
    {
        foreach (var run in List(int.MaxValue).Where(run => run.Status == RunStatus.Running))
        {
            Save(run with { Status = RunStatus.Abandoned, FinishedAt = now, Error = "the process stopped during the run (killed or crashed)" });
        }
    }
}
