using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Wellhouse.Transform.Adapters.Models;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters;

/// <summary>One DuckDB connection: statements, with errors turned into <see cref="AdapterException"/>s that carry the line.</summary>
internal sealed partial class DuckDbSession : ISqlSession
{
    private readonly DuckDbAdapter adapter;
    private readonly DuckDBConnection connection;
    private readonly bool ownsConnection;

    public DuckDbSession(DuckDbAdapter adapter, DuckDBConnection connection, bool ownsConnection = true)
    {
        this.adapter = adapter;
        this.connection = connection;
        this.ownsConnection = ownsConnection;
    }

    public ModelStorage OpenModelStorage() => new DuckDbModelStorage(connection);

    public QueryComment? Comment { get; set; }

    public long Execute(string sql, CancellationToken cancellationToken = default)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Comment?.Apply(sql) ?? sql;
        using var registration = cancellationToken.Register(command.Cancel);
        try
        {
            return command.ExecuteNonQuery();
        }
        catch (DuckDBException ex)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Wrap(ex, sql);
        }
    }

    /// <summary>The rows as the provider returns them (TIMESTAMPTZ as a UTC DateTime); <see cref="Fetch"/> also
    /// gives column names and types and keeps TIMESTAMPTZ offsets.</summary>
    public IReadOnlyList<object?[]> Query(string sql, CancellationToken cancellationToken = default) =>
        Read(sql, keepOffsets: false, cancellationToken).Rows;

    public IReadOnlyList<long> ExecuteInTransaction(IReadOnlyList<string> statements, CancellationToken cancellationToken = default) =>
        SessionTransaction.Run<DuckDBException>(connection, statements, sql => Execute(sql, cancellationToken), ex => Wrap(ex, null));

    public RelationKind? GetRelationKind(Relation relation)
    {
        var rows = Query(
            "select table_type from information_schema.tables where table_catalog = " + CatalogExpression(relation.Database)
            + " and table_schema = " + DuckDbAdapter.Literal(relation.Schema)
            + " and table_name = " + DuckDbAdapter.Literal(relation.Identifier));
        return rows.Count == 0 ? null : (string?)rows[0][0] == "VIEW" ? RelationKind.View : RelationKind.Table;
    }

    /// <summary>DuckDB's <c>DESCRIBE</c> of the query.</summary>
    public IReadOnlyList<ColumnSchema> DescribeQuery(string sql, CancellationToken cancellationToken = default) =>
        Query("describe (\n" + sql + "\n)", cancellationToken).Select(row => new ColumnSchema((string)row[0]!, (string)row[1]!)).ToList();

    public IReadOnlyList<ColumnSchema> GetColumns(Relation relation) => Query(
            "select column_name, data_type from information_schema.columns where table_catalog = " + CatalogExpression(relation.Database)
            + " and table_schema = " + DuckDbAdapter.Literal(relation.Schema)
            + " and table_name = " + DuckDbAdapter.Literal(relation.Identifier) + " order by ordinal_position")
        .Select(row => new ColumnSchema((string)row[0]!, (string)row[1]!))
        .ToList();

    public void CreateSchemaIfNotExists(string? database, string schema) =>
        Execute("create schema if not exists " + SchemaName(database, schema));

    public void DropRelationIfExists(Relation relation)
    {
        switch (GetRelationKind(relation))
        {
            case RelationKind.Table:
                Execute("drop table if exists " + relation);
                break;
            case RelationKind.View:
                Execute("drop view if exists " + relation);
                break;
            default:
                break;
        }
    }

    public void CreateView(Relation relation, string sql, CancellationToken cancellationToken = default)
    {
        // No catalog query first: "create or replace view" fails only if a table has the name, and then dbt's view
        // materialization drops the table; do that with the create, atomically.
        try
        {
            Execute(DuckDbDialect.Instance.ViewStatement(relation, sql), cancellationToken);
        }
        catch (AdapterException ex) when (ex.Message.Contains("of type Table", StringComparison.Ordinal))
        {
            ExecuteInTransaction(["drop table " + relation, DuckDbDialect.Instance.ViewStatement(relation, sql)], cancellationToken);
        }
    }

    public void CreateTableAs(Relation relation, string sql, CancellationToken cancellationToken = default) =>
        Execute(DuckDbDialect.Instance.TableStatement(relation, sql), cancellationToken);

    public void SwapInto(Relation staged, Relation target)
    {
        var rename = $"alter table {staged} rename to {adapter.Quote(target.Identifier)}";
        try
        {
            ExecuteInTransaction(["drop table if exists " + target, rename]);
        }
        catch (AdapterException ex) when (ex.Message.Contains("of type View", StringComparison.Ordinal))
        {
            ExecuteInTransaction(["drop view " + target, rename]);
        }
    }

    public void CreateTable(Relation relation, IReadOnlyList<ColumnSchema> columns)
    {
        DropRelationIfExists(relation);
        var temporary = relation.Database == "temp" ? "temp " : string.Empty;
        Execute($"create {temporary}table {relation} ({string.Join(", ", columns.Select(c => adapter.Quote(c.Name) + " " + c.DataType))})");
    }

    public void AppendText(Relation relation, IReadOnlyList<string?[]> rows)
    {
        try
        {
            using var appender = relation.Database is { } database
                ? connection.CreateAppender(database, relation.Schema, relation.Identifier)
                : connection.CreateAppender(relation.Schema, relation.Identifier);
            foreach (var values in rows)
            {
                var row = appender.CreateRow();
                foreach (var value in values)
                {
                    if (value is null)
                    {
                        row.AppendNullValue();
                    }
                    else
                    {
                        row.AppendValue(value);
                    }
                }

                row.EndRow();
            }
        }
        catch (DuckDBException ex)
        {
            throw Wrap(ex, null);
        }
        catch (InvalidOperationException ex)
        {
            throw new AdapterException("cannot append to " + relation + ": " + ex.Message, ex);
        }
    }

    public void Dispose()
    {
        if (ownsConnection)
        {
            connection.Dispose();
        }
    }

    private static string CatalogExpression(string? database) => database is null ? "current_database()" : DuckDbAdapter.Literal(database);

    private string SchemaName(string? database, string schema) =>
        database is null ? adapter.Quote(schema) : adapter.Quote(database) + "." + adapter.Quote(schema);

    private AdapterException Wrap(DuckDBException ex, string? sql)
    {
        int? line = null;
        var match = LinePattern().Match(ex.Message);
        if (match.Success && int.TryParse(match.Groups[1].ValueSpan, out var parsed))
        {
            line = parsed - (Comment?.LinesBefore ?? 0);
        }

        return new AdapterException(ex.Message, sql, line, ex);
    }

    /// <summary>DuckDB marks the failing line of a multi-line statement as <c>LINE n:</c> in its error messages.</summary>
    [GeneratedRegex(@"LINE (\d+):")]
    private static partial Regex LinePattern();
}
