using Wellhouse.Transform.Adapters;
using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

/// <summary>
/// Runs a unit test as dbt's unit test materialization does: the model compiled with its given inputs as CTEs of
/// literal rows (cast to the inputs' column types), the expected rows cast to the model's output types, then compared
/// as multisets on the columns the expected rows name (dbt docs "Unit tests": "you only have to define the mock data
/// for the columns relevant to your test"). A difference is a failure with an actual-versus-expected table; a bad
/// column or value is an error pointing at the yml.
/// </summary>
internal static partial class UnitTestExecutor
{
    public static NodeOutcome Run(RunContext context, ISqlSession session, Node node, string compiledModel, CancellationToken cancellationToken)
    {
        var manifest = context.Request.Manifest;
        var test = manifest.UnitTests[node.UniqueId];
        var model = manifest.Nodes[test.ModelId!];
        try
        {
            var fixtures = new List<(string Name, string Sql)>();
            foreach (var input in test.Given.Where(g => g.Rows is not null || g.Sql is not null))
            {
                fixtures.Add((input.CteName, InputSql(context, session, model, input, cancellationToken)));
            }

            var sql = CteInjector.Inject(compiledModel, fixtures);
            IReadOnlyList<ColumnSchema> output;
            try
            {
                output = Describe(session, sql, cancellationToken);
            }
            catch (AdapterException ex)
            {
                return new NodeOutcome(NodeStatus.Error, DatabaseErrorFormatter.Format(node, ex, sql, SqlDialect.WrapperLines)) { RunSql = sql, ShortStatus = "ERROR" };
            }

            var (columns, expectedSql) = ExpectedSql(session, test, model, output, cancellationToken);
            var columnList = string.Join(", ", columns.Select(c => Relation.Quote(c.Name)));
            var actualQuery = $"select {columnList} from (\n{sql}\n) as dbt_internal_unit_test_actual";
            var runSql = actualQuery + ";\n\n" + expectedSql;
            IReadOnlyList<object?[]> actual;
            try
            {
                actual = session.Query(actualQuery, cancellationToken);
            }
            catch (AdapterException ex)
            {
                return new NodeOutcome(NodeStatus.Error, DatabaseErrorFormatter.Format(node, ex, sql, 1)) { RunSql = runSql, ShortStatus = "ERROR" };
            }

            var expected = QueryFixture(session, expectedSql, test.Expect!, "expect", cancellationToken);
            var diff = UnitTestDiff.Compare(columns.Select(c => c.Name).ToList(), actual, expected);
            if (diff.Failures == 0)
            {
                return new NodeOutcome(NodeStatus.Pass, "PASS") { Failures = 0, RunSql = runSql, ShortStatus = "PASS" };
            }

            var message = $"Failure in unit_test {node.Name} ({node.OriginalFilePath})\n\nactual differs from expected:\n\n{diff.Table}";
            return new NodeOutcome(NodeStatus.Fail, message) { Failures = diff.Failures, RunSql = runSql, ShortStatus = "FAIL " + diff.Failures.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }
        catch (UnitTestException ex)
        {
            var text = $"Runtime Error in unit_test {node.Name} ({node.OriginalFilePath})\n" + ex.Diagnostic.Format(context.Request.ProjectDir);
            return new NodeOutcome(NodeStatus.Error, text) { ShortStatus = "ERROR" };
        }
    }

    /// <summary>The names and types of a query's columns.</summary>
    private static List<ColumnSchema> Describe(ISqlSession session, string sql, CancellationToken cancellationToken) =>
        [.. session.DescribeQuery(sql, cancellationToken)];

    /// <summary>The expected rows as SQL: the expect's columns (which must be output columns) cast to the output's types.</summary>
    private static (List<ColumnSchema> Columns, string Sql) ExpectedSql(ISqlSession session, UnitTestDefinition test, Node model, IReadOnlyList<ColumnSchema> output, CancellationToken cancellationToken)
    {
        var expect = test.Expect!;
        if (expect.Format == UnitTestFormat.Sql)
        {
            List<ColumnSchema> described;
            try
            {
                described = Describe(session, expect.Sql!, cancellationToken);
            }
            catch (AdapterException ex)
            {
                throw new UnitTestException(UnitTestCodes.MalformedRows, "the expect SQL does not run: " + ex.Message, expect.RowsSpan);
            }

            var columns = described.Select(d => Column(output, d.Name) ?? throw new UnitTestException(UnitTestCodes.UnknownColumn, $"column '{d.Name}' of the expect SQL is not a column of model '{model.Name}' (its columns: {Names(output)})", expect.RowsSpan)).ToList();
            return (columns, expect.Sql!);
        }

        var named = new List<ColumnSchema>();
        foreach (var cell in expect.Rows!.SelectMany(r => r.Cells))
        {
            var column = Column(output, cell.Column) ?? throw new UnitTestException(UnitTestCodes.UnknownColumn, $"column '{cell.Column}' of expect is not a column of model '{model.Name}' (its columns: {Names(output)})", cell.Span);
            if (!named.Contains(column))
            {
                named.Add(column);
            }
        }

        // No expected rows: the model must return none; compare on all its columns.
        var compared = named.Count == 0 ? output.ToList() : named;
        return (compared, UnitTestFixtureSql.Build(compared, expect.Rows!));
    }

    private static IReadOnlyList<object?[]> QueryFixture(ISqlSession session, string sql, UnitTestFixture fixture, string what, CancellationToken cancellationToken)
    {
        try
        {
            return session.Query(sql, cancellationToken);
        }
        catch (AdapterException ex)
        {
            throw new UnitTestException(UnitTestCodes.MalformedRows, $"the rows of {what} do not fit the column types: {ex.Message.Split('\n')[0]}", fixture.RowsSpan.Line > 0 ? fixture.RowsSpan : fixture.Span);
        }
    }

    private static ColumnSchema? Column(IReadOnlyList<ColumnSchema> columns, string name) =>
        columns.FirstOrDefault(c => c.Name == name) ?? columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string Names(IEnumerable<ColumnSchema> columns) => string.Join(", ", columns.Select(c => c.Name));
}

/// <summary>A unit test problem found while running it (bad column, value that does not cast), with its yml position.</summary>
internal sealed class UnitTestException(string code, string message, SourceSpan span) : Exception(message)
{
    public Diagnostic Diagnostic { get; } = new(DiagnosticSeverity.Error, code, message, span);
}
