using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;

namespace Wellhouse.Warehouse.Bench;

/// <summary>
/// <c>--incremental-build DATA OUT.duckdb</c>: the warehouse build of an incremental refresh alone, on the published
/// snapshot of a data directory and the raw batches it was not built from, into OUT (nothing published, no serving
/// store: <c>--serve OUT OUT.serve PARENT.serve PARENT-ID</c> builds that). The application hands a refresh whose new
/// batches hold more than half of the wells to a full build (docs/architecture.md, "Snapshots", step 1); this builds
/// it incrementally anyway, to measure what the incremental path costs for a day of every well. Prints the wall and
/// CPU time and the run log's lines of the preparation and of the nodes of 0.3 s or more (the whole log in OUT.log).
/// </summary>
internal static class IncrementalBuild
{
    public static async Task<int> RunAsync(string dataDir, string output)
    {
        var data = new DataDirectory(dataDir);
        var raw = new RawStore(data);
        var batches = raw.List();
        var parentId = File.ReadAllText(Path.Combine(data.Snapshots, "current")).Trim();
        var parent = JsonSerializer.Deserialize<SnapshotInfo>(File.ReadAllText(Path.Combine(data.Snapshots, parentId + ".json")), SnapshotStore.Json)!;
        var known = parent.RawBatches.ToHashSet(StringComparer.Ordinal);
        var newFiles = batches.Where(batch => !known.Contains(batch.Id)).Select(batch => raw.ParquetPath(batch.Id)).ToList();
        var target = Path.GetFullPath(output);
        File.Delete(target);
        var logPath = target + ".log";
        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        BuildOutcome outcome;
        using (var log = new StreamWriter(logPath) { AutoFlush = true })
        {
            outcome = await builder.BuildAsync(new BuildRequest(target, batches.Select(batch => raw.ParquetPath(batch.Id)).ToList(), log)
            {
                Plan = new RefreshPlan(RefreshModes.Incremental, parentId, "bench"),
                ParentPath = Path.Combine(data.Snapshots, parentId + ".duckdb"),
                NewRawBatchFiles = newFiles,
            }, CancellationToken.None);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        foreach (var line in File.ReadLines(logPath).Where(line => line.StartsWith("incremental on", StringComparison.Ordinal)
            || line.StartsWith("int_population_forecast:", StringComparison.Ordinal)))
        {
            Console.WriteLine(line);
        }

        foreach (var node in outcome.Nodes.Where(node => node.ExecutionTimeSeconds >= 0.3).OrderByDescending(node => node.ExecutionTimeSeconds))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {node.ExecutionTimeSeconds,6:F2} s {node.UniqueId}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"incremental build on {parentId} ({newFiles.Count} new batch(es)): {(outcome.Succeeded ? "succeeded" : "FAILED: " + outcome.Error)}, {seconds:F1} s wall, {cpuSeconds:F1} CPU-s, {outcome.Nodes.Count} nodes (load {File.ReadAllText("/proc/loadavg")[..14]})"));
        return outcome.Succeeded ? 0 : 1;
    }
}
