using System.Globalization;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's progress lines: <c>3 of 28 START sql table model main.orders ...... [RUN]</c> and the matching result line,
/// dotted to 80 columns before the bracketed status (dbt-core's <c>format_fancy_output_line</c> layout).
/// </summary>
internal static class ProgressFormatter
{
    private const int Width = 80;

    public static string Start(Node node, int index, int total) =>
        Line(index, total, "START " + Describe(node), "RUN");

    public static string Result(NodeResult result, int index, int total, string? shortStatus, bool compileOnly = false)
    {
        var node = result.Node;
        var time = result.ExecutionTime.ToString("0.00", CultureInfo.InvariantCulture) + "s";
        return result.Status switch
        {
            NodeStatus.NoOp => Line(index, total, "NO-OP " + Describe(node), "NO-OP in " + time),
            NodeStatus.Skipped => Line(index, total, "SKIP " + (node.ResourceType is ResourceType.Test or ResourceType.UnitTest or ResourceType.Exposure or ResourceType.SavedQuery ? Describe(node) : "relation " + QualifiedName(node)), "SKIP"),
            NodeStatus.Error => Line(index, total, "ERROR " + Doing(node), "ERROR in " + time),
            NodeStatus.Pass => Line(index, total, "PASS " + Named(node), "PASS in " + time),
            NodeStatus.Fail or NodeStatus.Warn => Line(index, total, shortStatus + " " + Named(node), shortStatus + " in " + time),
            _ when compileOnly => Line(index, total, "OK compiled " + Describe(node), "OK in " + time),
            _ => Line(index, total, node.ResourceType switch { ResourceType.Seed => "OK loaded " + Describe(node), ResourceType.Snapshot => "OK snapshotted " + QualifiedName(node), _ => "OK created " + Describe(node) }, (shortStatus ?? "OK") + " in " + time),
        };
    }

    /// <summary><c>Done. PASS=10 WARN=1 ERROR=0 SKIP=0 NO-OP=0 TOTAL=11</c> (dbt 1.10's StatsLine): PASS counts success
    /// and pass, ERROR counts error and fail; NO-OP counts the no-op results (exposures and saved queries in
    /// <c>build</c>).</summary>
    public static string Summary(IReadOnlyCollection<NodeResult> results)
    {
        var pass = results.Count(r => r.Status is NodeStatus.Success or NodeStatus.Pass);
        var warn = results.Count(r => r.Status == NodeStatus.Warn);
        var error = results.Count(r => r.Status is NodeStatus.Error or NodeStatus.Fail);
        var skip = results.Count(r => r.Status == NodeStatus.Skipped);
        var noOp = results.Count(r => r.Status == NodeStatus.NoOp);
        return $"Done. PASS={pass} WARN={warn} ERROR={error} SKIP={skip} NO-OP={noOp} TOTAL={results.Count}";
    }

    private static string Describe(Node node) => node.ResourceType switch
    {
        ResourceType.Seed => "seed file " + QualifiedName(node),
        ResourceType.Snapshot => "snapshot " + QualifiedName(node),
        ResourceType.Analysis => "analysis " + node.Name,
        ResourceType.Test => "test " + node.Name,
        ResourceType.UnitTest => "unit_test " + Named(node),
        ResourceType.Exposure => "exposure " + node.Name,
        ResourceType.SavedQuery => "saved query " + node.Name,
        _ => $"{node.Language} {node.Config.Materialized} model {QualifiedName(node)}",
    };

    private static string Doing(Node node) => node.ResourceType switch
    {
        ResourceType.Seed => "loading seed file " + QualifiedName(node),
        ResourceType.Snapshot => "snapshot " + QualifiedName(node),
        ResourceType.Test or ResourceType.UnitTest => Named(node),
        _ => $"creating {node.Language} {node.Config.Materialized} model {QualifiedName(node)}",
    };

    /// <summary>A unit test is shown as dbt shows it, <c>model::test</c>.</summary>
    private static string Named(Node node) => node.ResourceType == ResourceType.UnitTest && node.Fqn.Count >= 2 ? node.Fqn[^2] + "::" + node.Name : node.Name;

    private static string QualifiedName(Node node) => node.Schema + "." + (node.Alias.Length > 0 ? node.Alias : node.Name);

    internal static string Line(int index, int total, string message, string status)
    {
        var prefix = $"{index} of {total} {message} ";
        return (prefix.Length < Width ? prefix.PadRight(Width, '.') : prefix) + " [" + status + "]";
    }
}
