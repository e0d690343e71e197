using System.Diagnostics;
using Wellhouse.Serving;

namespace Wellhouse.Warehouse.Bench;

/// <summary>
/// <c>--serve SNAPSHOT.duckdb OUT.serve</c>: builds a snapshot's serving store as a refresh does and prints each
/// step's wall and CPU time, the file's size, and the time to open it (what a publish adds before the snapshot is
/// served).
/// </summary>
internal static class ServeStoreBench
{
    public static int Run(string snapshot, string output)
    {
        var id = Path.GetFileNameWithoutExtension(output);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var report = ServeStoreLoader.Build(snapshot, output, id);
        Console.WriteLine(report.ToString());
        foreach (var step in report.Steps)
        {
            Console.WriteLine("  " + step);
        }

        Console.WriteLine($"build: {report.Elapsed.TotalSeconds:F2} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} CPU-s, {new FileInfo(output).Length / 1048576.0:F1} MiB");
        var watch = Stopwatch.StartNew();
        var store = ServeStore.Open(output, id);
        Console.WriteLine($"open: {watch.Elapsed.TotalMilliseconds:F0} ms ({store.Footer.Relations.Count} relations)");
        return 0;
    }
}
