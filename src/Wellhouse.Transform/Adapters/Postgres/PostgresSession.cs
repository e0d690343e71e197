using System.Data;
using Npgsql;
using NpgsqlTypes;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters.Postgres;

/// <summary>One PostgreSQL connection: statements (errors carry the failing line from the server's position), catalog
/// queries on pg_catalog, and the DDL of the materializations. DDL is transactional in PostgreSQL, so a replace is a
/// drop and create in one transaction.</summary>
internal sealed partial class PostgresSession(PostgresAdapter adapter, NpgsqlConnection connection) : ISqlSession
{
    /// <summary>The session's connection (binary COPY of C# models' readers and writers).</summary>
    internal NpgsqlConnection Connection => connection;

    public ModelStorage OpenModelStorage() => new PostgresModelStorage(adapter, this);

    public QueryComment? Comment { get; set; }

    public long Execute(string sql, CancellationToken cancellationToken = default)
    {
        using var command = Command(sql);
        using var registration = cancellationToken.Register(command.Cancel);
        try
        {
            return command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Wrap(ex, sql);
        }
    }

    public IReadOnlyList<object?[]> Query(string sql, CancellationToken cancellationToken = default) => Read(sql, cancellationToken).Rows;

    public QueryTable Fetch(string sql, CancellationToken cancellationToken = default) => Read(sql, cancellationToken);

    public IReadOnlyList<long> ExecuteInTransaction(IReadOnlyList<string> statements, CancellationToken cancellationToken = default) =>
        SessionTransaction.Run<NpgsqlException>(connection, statements, sql => Execute(sql, cancellationToken), ex => Wrap(ex, null));

    public RelationKind? GetRelationKind(Relation relation)
    {
        var rows = Query("select c.relkind from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where "
            + SchemaCondition(relation.Schema) + " and c.relname = " + Literal(relation.Identifier));
        return rows.Count == 0 ? null : rows[0][0] is 'v' or 'm' ? RelationKind.View : RelationKind.Table;
    }

    /// <summary>Columns in order with their full types (<c>character varying(10)</c>, <c>numeric(28,6)</c>).</summary>
    public IReadOnlyList<ColumnSchema> GetColumns(Relation relation) => Query(
            "select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) from pg_catalog.pg_attribute a"
            + " join pg_catalog.pg_class c on c.oid = a.attrelid join pg_catalog.pg_namespace n on n.oid = c.relnamespace where "
            + SchemaCondition(relation.Schema) + " and c.relname = " + Literal(relation.Identifier)
            + " and a.attnum > 0 and not a.attisdropped order by a.attnum")
        .Select(row => new ColumnSchema((string)row[0]!, (string)row[1]!))
        .ToList();

    /// <summary>The columns of the query's result as the server describes it (the query is parsed, not run).</summary>
    public IReadOnlyList<ColumnSchema> DescribeQuery(string sql, CancellationToken cancellationToken = default)
    {
        var text = "select * from (\n" + sql + "\n) as dbt_describe";
        using var command = Command(text);
        using var registration = cancellationToken.Register(command.Cancel);
        try
        {
            using var reader = command.ExecuteReader(CommandBehavior.SchemaOnly);
            return reader.GetColumnSchema().Select(c => new ColumnSchema(c.ColumnName, c.DataTypeName)).ToList();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw Wrap(ex, text);
        }
    }

    /// <summary>A schema is created in the connection's database (PostgreSQL cannot create one in another).</summary>
    public void CreateSchemaIfNotExists(string? database, string schema) =>
        Execute("create schema if not exists " + adapter.Quote(schema));

    public void DropRelationIfExists(Relation relation)
    {
        if (GetRelationKind(relation) is { } kind)
        {
            Execute(DropStatement(relation, kind));
        }
    }

    /// <summary>
    /// <c>create or replace view</c> when nothing is there or the columns only grow (views over it keep working);
    /// when PostgreSQL refuses (a table has the name, or columns were removed, renamed or retyped), the old relation is
    /// dropped with <c>cascade</c> and the view created, in one transaction, as dbt-postgres's rename-and-drop does.
    /// </summary>
    public void CreateView(Relation relation, string sql, CancellationToken cancellationToken = default)
    {
        RequireName(relation);
        var create = PostgresDialect.Instance.ViewStatement(relation, sql);
        var existing = GetRelationKind(relation);
        if (existing is null or RelationKind.View)
        {
            try
            {
                Execute(create, cancellationToken);
                return;
            }
            catch (AdapterException ex) when (existing is RelationKind.View && ex.InnerException is PostgresException { SqlState: "42P16" or "42809" or "0A000" })
            {
                // Columns changed: replace below.
            }
        }

        ExecuteInTransaction([DropStatement(relation, existing!.Value), create], cancellationToken);
    }

    /// <summary>Creates <paramref name="relation"/> (a staged name) from the query, dropping a leftover of that name first.</summary>
    public void CreateTableAs(Relation relation, string sql, CancellationToken cancellationToken = default)
    {
        RequireName(relation);
        var create = PostgresDialect.Instance.TableStatement(relation, sql);
        if (GetRelationKind(relation) is { } leftover)
        {
            ExecuteInTransaction([DropStatement(relation, leftover), create], cancellationToken);
        }
        else
        {
            Execute(create, cancellationToken);
        }
    }

    /// <summary>In one transaction: drop the old relation (cascade, as dbt-postgres drops its backup) and rename the
    /// staged table to the target's name.</summary>
    public void SwapInto(Relation staged, Relation target)
    {
        RequireName(target);
        var statements = new List<string>();
        if (GetRelationKind(target) is { } kind)
        {
            statements.Add(DropStatement(target, kind));
        }

        statements.Add($"alter table {staged} rename to {adapter.Quote(target.Identifier)}");
        ExecuteInTransaction(statements);
    }

    public void CreateTable(Relation relation, IReadOnlyList<ColumnSchema> columns)
    {
        DropRelationIfExists(relation);
        var columnList = string.Join(", ", columns.Select(c => adapter.Quote(c.Name) + " " + c.DataType));
        Execute(relation.Schema == "pg_temp"
            ? $"create temp table {adapter.Quote(relation.Identifier)} ({columnList})"
            : $"create table {relation} ({columnList})");
    }

    /// <summary>Appends text rows through binary COPY (one round of the protocol for all rows).</summary>
    public void AppendText(Relation relation, IReadOnlyList<string?[]> rows)
    {
        try
        {
            using var writer = connection.BeginBinaryImport($"copy {relation} from stdin (format binary)");
            foreach (var values in rows)
            {
                writer.StartRow();
                foreach (var value in values)
                {
                    if (value is null)
                    {
                        writer.WriteNull();
                    }
                    else
                    {
                        writer.Write(value, NpgsqlDbType.Text);
                    }
                }
            }

            writer.Complete();
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            throw Wrap(ex, null);
        }
    }

    public void Dispose() => connection.Dispose();

    internal static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string DropStatement(Relation relation, RelationKind kind) =>
        (kind == RelationKind.View ? "drop view if exists " : "drop table if exists ") + relation + " cascade";

    /// <summary>The session's temporary schema is <c>pg_temp</c> in SQL but <c>pg_temp_N</c> in the catalog.</summary>
    private static string SchemaCondition(string schema) =>
        schema == "pg_temp" ? "n.oid = pg_catalog.pg_my_temp_schema()" : "n.nspname = " + Literal(schema);

    private static void RequireName(Relation relation)
    {
        if (PostgresDialect.CheckName(relation) is { } error)
        {
            throw new AdapterException(error);
        }
    }

    private NpgsqlCommand Command(string sql) => new(Comment?.Apply(sql) ?? sql, connection) { CommandTimeout = 0 };
}
