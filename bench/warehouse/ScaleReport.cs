using System.Text;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Warehouse.Bench;

/// <summary>The benchmark's figures as Markdown tables: per model and seed, and the slowest tests.</summary>
internal static class ScaleReport
{
    private const int SlowestTests = 12;

    public static string Format(EngineRun engine, DirectRun? direct, long peakBytes, IFormatProvider culture)
    {
        var text = new StringBuilder();
        var results = engine.Report.Outcome?.Results ?? [];
        text.AppendLine(culture, $"engine build: {engine.Seconds:F1} s wall, {engine.CpuSeconds:F1} s CPU ({(engine.Report.Success ? "success" : "FAILED")}), peak working set {peakBytes / 1048576.0:F0} MiB");
        if (direct is not null)
        {
            // Wall time favours the engine, which runs independent nodes on two threads while the replay runs one node
            // at a time; CPU time (user + system of the process) compares the work done and is less sensitive to the
            // load of other processes on the machine.
            text.AppendLine(culture, $"same compiled SQL and C# models straight on DuckDB, one node at a time: {direct.Seconds:F1} s wall, {direct.CpuSeconds:F1} s CPU");
            text.AppendLine(culture, $"engine overhead: wall {(engine.Seconds - direct.Seconds) / direct.Seconds * 100:F1} %, CPU {(engine.CpuSeconds - direct.CpuSeconds) / direct.CpuSeconds * 100:F1} %");
        }

        text.AppendLine();
        // CPU-s: the process's CPU time while the node ran (its own when the engine runs one node at a time).
        text.AppendLine("| node | status | engine s | engine CPU-s | direct s |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var result in results.Where(r => r.Node.ResourceType is ResourceType.Model or ResourceType.Seed).OrderByDescending(r => r.ExecutionTime))
        {
            text.AppendLine(culture, $"| {result.Node.Name} | {result.Status} | {result.ExecutionTime:F2} | {Cpu(engine, result, culture)} | {Direct(direct, result, culture)} |");
        }

        var tests = results.Where(r => r.Node.ResourceType == ResourceType.Test).ToList();
        text.AppendLine(culture, $"| {tests.Count} tests | {tests.Count(t => t.Status == NodeStatus.Pass)} pass, {tests.Count(t => t.Status == NodeStatus.Warn)} warn | {tests.Sum(t => t.ExecutionTime):F2} | {tests.Sum(t => engine.NodeCpuSeconds.GetValueOrDefault(t.Node.UniqueId)):F2} | {(direct is null ? "-" : tests.Sum(t => direct.NodeSeconds.GetValueOrDefault(t.Node.UniqueId)).ToString("F2", culture))} |");
        text.AppendLine();
        text.AppendLine(culture, $"slowest {SlowestTests} tests:");
        text.AppendLine("| test | status | engine s | engine CPU-s | direct s |");
        text.AppendLine("|---|---|---|---|---|");
        foreach (var test in tests.OrderByDescending(t => t.ExecutionTime).Take(SlowestTests))
        {
            text.AppendLine(culture, $"| {test.Node.Name} | {test.Status} | {test.ExecutionTime:F2} | {Cpu(engine, test, culture)} | {Direct(direct, test, culture)} |");
        }

        return text.ToString();
    }

    private static string Cpu(EngineRun engine, NodeResult result, IFormatProvider culture) =>
        engine.NodeCpuSeconds.TryGetValue(result.Node.UniqueId, out var seconds) ? seconds.ToString("F2", culture) : "-";

    private static string Direct(DirectRun? direct, NodeResult result, IFormatProvider culture) =>
        direct is not null && direct.NodeSeconds.TryGetValue(result.Node.UniqueId, out var seconds) ? seconds.ToString("F2", culture) : "-";
}
