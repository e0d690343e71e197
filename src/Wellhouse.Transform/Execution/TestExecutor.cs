using System.Globalization;
using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// dbt's test materialization: the compiled test selects failing rows; the engine counts them with
/// <c>fail_calc</c> (default <c>count(*)</c>) over the query (with <c>limit</c>), evaluates <c>warn_if</c> and
/// <c>error_if</c> (default <c>!= 0</c>) in SQL, and decides: severity ERROR and should_error -> fail, else
/// should_warn -> warn, else pass (dbt docs, "test configs: severity, error_if, warn_if"). With store_failures the
/// failing rows go to <c>&lt;schema&gt;_dbt_test__audit.&lt;test name&gt;</c> first.
/// </summary>
internal static class TestExecutor
{
    /// <summary>Lines the count wrapper puts before the compiled SQL (for mapping error lines back).</summary>
    private const int WrapperLines = 5;

    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, string sql, CancellationToken cancellationToken)
    {
        var config = node.Config;
        var failCalc = config.GetString("fail_calc") ?? "count(*)";
        var source = sql;
        var statements = new List<string>();
        string? auditRelation = null;
        if (config.GetBool("store_failures") ?? context.Request.StoreFailures)
        {
            // The front end gives tests dbt's schema config "dbt_test__audit", so node.Schema is already <target schema>_dbt_test__audit.
            var audit = new Relation(node.Database, node.Schema, node.Alias.Length > 0 ? node.Alias : node.Name);
            auditRelation = audit.ToString();
            try
            {
                context.EnsureSchema(session, audit.Database, audit.Schema);
                session.DropRelationIfExists(audit);
                var create = context.Adapter.Dialect.TableStatement(audit, sql);
                statements.Add(create);
                session.Execute(create, cancellationToken);
            }
            catch (AdapterException ex)
            {
                return new NodeOutcome(NodeStatus.Error, DatabaseErrorFormatter.Format(node, ex, sql, SqlDialect.WrapperLines))
                {
                    RunSql = string.Join(";\n", statements),
                    ShortStatus = "ERROR",
                };
            }

            source = "select * from " + audit;
        }

        var limit = config.Limit is { } n ? "limit " + n.ToString(CultureInfo.InvariantCulture) : string.Empty;
        var query = $"select\n    {failCalc} as failures,\n    ({failCalc}) {config.WarnIf} as should_warn,\n    ({failCalc}) {config.ErrorIf} as should_error\nfrom (\n{source}\n{limit}\n) dbt_internal_test";
        statements.Add(query);
        var runSql = string.Join(";\n\n", statements);
        IReadOnlyList<object?[]> rows;
        try
        {
            rows = session.Query(query, cancellationToken);
        }
        catch (AdapterException ex)
        {
            var mapped = auditRelation is null ? sql : null;
            return new NodeOutcome(NodeStatus.Error, DatabaseErrorFormatter.Format(node, ex, mapped, WrapperLines)) { RunSql = runSql, ShortStatus = "ERROR" };
        }

        var row = rows.Count > 0 ? rows[0] : [0L, false, false];
        var failures = ToInt64(row[0]);
        var shouldWarn = row[1] is true;
        var shouldError = row[2] is true;
        var (status, threshold) = config.Severity == "ERROR" && shouldError
            ? (NodeStatus.Fail, config.ErrorIf)
            : shouldWarn ? (NodeStatus.Warn, config.WarnIf) : (NodeStatus.Pass, null);
        var message = status == NodeStatus.Pass
            ? "PASS"
            : $"Got {failures} result{(failures == 1 ? string.Empty : "s")}, configured to {(status == NodeStatus.Fail ? "fail" : "warn")} if {threshold}"
                + (auditRelation is null ? string.Empty : $"\n  See test failures: select * from {auditRelation}");
        var shortStatus = status switch
        {
            NodeStatus.Fail => "FAIL " + failures.ToString(CultureInfo.InvariantCulture),
            NodeStatus.Warn => "WARN " + failures.ToString(CultureInfo.InvariantCulture),
            _ => "PASS",
        };
        return new NodeOutcome(status, message) { Failures = failures, RunSql = runSql, ShortStatus = shortStatus, RelationName = auditRelation };
    }

    /// <summary>DuckDB returns count(*) as BIGINT, sum() of integers as HUGEINT (BigInteger), others as decimals.</summary>
    private static long ToInt64(object? value) => value switch
    {
        null => 0,
        System.Numerics.BigInteger big => (long)big,
        double d => (long)d,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };
}
