using System.Text;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Warehouse.Bench;

/// <summary>The benchmark's figures as a Markdown table.</summary>
internal static class ScaleReport
{
    public static string Format(EngineRun engine, DirectRun direct, long peakBytes, IFormatProvider culture)
    {
        var text = new StringBuilder();
        var results = engine.Report.Outcome?.Results ?? [];
        text.AppendLine(culture, $"engine build: {engine.Seconds:F1} s ({(engine.Report.Success ? "success" : "FAILED")}), peak working set {peakBytes / 1048576.0:F0} MiB");
        text.AppendLine(culture, $"same compiled SQL and C# models straight on DuckDB: {direct.Seconds:F1} s; engine overhead {(engine.Seconds - direct.Seconds) / direct.Seconds * 100:F1} %");
        text.AppendLine();
        text.AppendLine("| node | status | seconds |");
        text.AppendLine("|---|---|---|");
        foreach (var result in results.Where(r => r.Node.ResourceType is ResourceType.Model or ResourceType.Seed).OrderByDescending(r => r.ExecutionTime))
        {
            text.AppendLine(culture, $"| {result.Node.Name} | {result.Status} | {result.ExecutionTime:F2} |");
        }

        var tests = results.Where(r => r.Node.ResourceType == ResourceType.Test).ToList();
        text.AppendLine(culture, $"| {tests.Count} tests | {tests.Count(t => t.Status.ToString() == "Pass")} pass, {tests.Count(t => t.Status.ToString() == "Warn")} warn | {tests.Sum(t => t.ExecutionTime):F2} |");
        return text.ToString();
    }
}
