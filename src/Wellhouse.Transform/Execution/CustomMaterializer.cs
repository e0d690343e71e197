using System.Globalization;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// A node built by a project's or package's <c>{% materialization %}</c> block (chosen as dbt chooses,
/// <see cref="MaterializationResolver"/>): the block runs in the node's context on the worker's session (its
/// statements, hooks and <c>adapter</c> calls) and reports the response of its <c>statement('main')</c>, whose SQL goes
/// to target/run/. The block runs the node's hooks itself (<c>run_hooks(pre_hooks)</c>), as in dbt. A model's or
/// seed's result is the <c>main</c> statement's response; a data test's is read from the row its <c>main</c>
/// statement fetched (<c>failures</c>, <c>should_warn</c>, <c>should_error</c>), as dbt-core's <c>TestRunner</c> does.
/// A project's snapshot materialization is not run: the node fails saying so.
/// </summary>
internal static class CustomMaterializer
{
    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, string? sql, MaterializationEntry entry)
    {
        var relation = node.Relation;
        if (node.ResourceType == ResourceType.Snapshot)
        {
            var block = entry.Block.Span;
            return new NodeOutcome(NodeStatus.Error, $"Compilation Error in snapshot {node.Name} ({node.OriginalFilePath})\n  {block.File}({block.Line},{block.Column}): error {Project.DiagnosticCodes.NotSupported}: materialization 'snapshot' (adapter '{entry.Block.Adapter}') of {entry.PackageName} replaces dbt's snapshot materialization, which the engine cannot run yet: it builds snapshots with its own (remove the block to use it)")
            {
                ShortStatus = "ERROR",
            };
        }

        if (node.ResourceType != ResourceType.Test)
        {
            context.EnsureSchema(session, relation.Database, relation.Schema);
        }

        MaterializationResult result;
        try
        {
            result = context.RunMaterialization(node, sql, entry, session);
        }
        catch (NodeCompilationException ex)
        {
            var kind = ex.IsDatabaseError ? "Database Error" : "Compilation Error";
            return new NodeOutcome(NodeStatus.Error, $"{kind} in {node.ResourceType.ToDbtString()} {node.Name} ({node.OriginalFilePath})\n  {ex.Message}") { ShortStatus = "ERROR" };
        }

        return node.ResourceType == ResourceType.Test
            ? TestOutcome(node, result)
            : new NodeOutcome(NodeStatus.Success, result.Message)
            {
                RelationName = relation.ToString(),
                RunSql = result.MainSql,
                ShortStatus = result.Message,
                RowsAffected = result.RowsAffected,
            };
    }

    /// <summary>dbt's <c>TestRunner.execute_data_test</c> and <c>build_test_run_result</c>: the <c>main</c> result must
    /// be one row of three columns; severity error and should_error fail, else should_warn warns, else it passes.</summary>
    private static NodeOutcome TestOutcome(Node node, MaterializationResult result)
    {
        var table = result.MainTable;
        var rows = table?.Rows.Count ?? 0;
        var columns = table?.ColumnNames.Count ?? 0;
        if (rows != 1 || columns != 3)
        {
            var what = rows != 1 ? $"Returned {rows} rows, but expected 1 row" : $"Returned {columns} columns, but expected 3 columns";
            return new NodeOutcome(NodeStatus.Error, $"Runtime Error in test {node.Name} ({node.OriginalFilePath})\n  dbt internally failed to execute {node.UniqueId}: {what}")
            {
                RunSql = result.MainSql,
                ShortStatus = "ERROR",
            };
        }

        var row = (AgateSequence)table!.Rows[0]!;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            values[table.ColumnNames[i].ToLowerInvariant()] = row[i];
        }

        if (!values.TryGetValue("failures", out var failuresValue) || !values.TryGetValue("should_warn", out var warnValue) || !values.TryGetValue("should_error", out var errorValue)
            || !TryCount(failuresValue, out var failures) || warnValue is not bool shouldWarn || errorValue is not bool shouldError)
        {
            return new NodeOutcome(NodeStatus.Error, $"Runtime Error in test {node.Name} ({node.OriginalFilePath})\n  the test materialization's main statement must select failures (a number), should_warn and should_error (booleans); it selected {string.Join(", ", table.ColumnNames)}")
            {
                RunSql = result.MainSql,
                ShortStatus = "ERROR",
            };
        }

        var config = node.Config;
        var (status, threshold) = config.Severity == "ERROR" && shouldError
            ? (NodeStatus.Fail, config.ErrorIf)
            : shouldWarn ? (NodeStatus.Warn, config.WarnIf) : (NodeStatus.Pass, null);
        var count = failures.ToString(CultureInfo.InvariantCulture);
        return new NodeOutcome(status, status == NodeStatus.Pass
            ? "PASS"
            : $"Got {count} result{(failures == 1 ? string.Empty : "s")}, configured to {(status == NodeStatus.Fail ? "fail" : "warn")} if {threshold}")
        {
            Failures = status == NodeStatus.Pass ? 0 : failures,
            RunSql = result.MainSql,
            ShortStatus = status switch { NodeStatus.Fail => "FAIL " + count, NodeStatus.Warn => "WARN " + count, _ => "PASS" },
        };
    }

    /// <summary>A whole number as dbt coerces the failures column (a decimal of no fraction too).</summary>
    private static bool TryCount(object? value, out long count)
    {
        switch (value)
        {
            case long l:
                count = l;
                return true;
            case int i:
                count = i;
                return true;
            case double d when Math.Abs(d % 1) < double.Epsilon:
                count = (long)d;
                return true;
            case decimal m when m == Math.Truncate(m):
                count = (long)m;
                return true;
            default:
                count = 0;
                return false;
        }
    }
}
