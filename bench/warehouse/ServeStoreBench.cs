using System.Diagnostics;
using Wellhouse.Serving;

namespace Wellhouse.Warehouse.Bench;

/// <summary>
/// <c>--serve SNAPSHOT.duckdb OUT.serve [PARENT.serve PARENT_ID]</c>: builds a snapshot's serving store as a refresh
/// does (reusing a parent's store when given: the snapshot must have been built incrementally on that parent) and
/// prints each step's wall and CPU time, the file's size, and the time to open it (what a publish adds before the
/// snapshot is served).
/// </summary>
internal static class ServeStoreBench
{
    public static int Run(string snapshot, string output, ServePrevious? previous)
    {
        var id = Path.GetFileNameWithoutExtension(output);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var report = ServeStoreLoader.Build(snapshot, output, id, previous);
        Console.WriteLine(report.ToString());
        foreach (var step in report.Steps)
        {
            Console.WriteLine("  " + step);
        }

        Console.WriteLine($"build: {report.Elapsed.TotalSeconds:F2} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} CPU-s, {new FileInfo(output).Length / 1048576.0:F1} MiB");
        var watch = Stopwatch.StartNew();
        var store = ServeStore.Open(output, id);
        Console.WriteLine($"open: {watch.Elapsed.TotalMilliseconds:F0} ms ({store.Footer.Relations.Count} relations)");
        var columns = store.Footer.Relations.SelectMany(r => r.Columns.Where(c => c.Stored).Select(c =>
            (Name: $"{r.Name}.{c.Name}", c.Width, Bytes: (r.Rows * c.Width) + (c.NullsOffset >= 0 ? (r.Rows + 7) / 8 : 0)))).OrderByDescending(c => c.Bytes).ToList();
        Console.WriteLine("largest columns: " + string.Join(", ", columns.Take(12).Select(c => $"{c.Name} {c.Bytes / 1048576.0:F1} MiB (width {c.Width})")));
        return 0;
    }

    /// <summary><c>--serve-compare A.serve A_ID B.serve B_ID</c>: whether two stores answer the same
    /// (<see cref="ServeStoreEquality"/>).</summary>
    public static int Compare(string left, string leftId, string right, string rightId)
    {
        var watch = Stopwatch.StartNew();
        var differences = ServeStoreEquality.Differences(ServeStore.Open(left, leftId), ServeStore.Open(right, rightId));
        foreach (var difference in differences)
        {
            Console.WriteLine(difference);
        }

        Console.WriteLine(differences.Count == 0 ? $"the stores answer the same ({watch.Elapsed.TotalSeconds:F1} s)" : $"{differences.Count} difference(s)");
        return differences.Count == 0 ? 0 : 1;
    }
}
