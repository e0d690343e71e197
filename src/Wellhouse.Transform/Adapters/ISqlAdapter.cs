using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Adapters;

/// <summary>
/// The SQL engine boundary. Everything specific to one database (quoting, DDL, type names, catalog queries) lives behind
/// this interface and <see cref="ISqlSession"/>, so another engine (PostgreSQL, Trino) is a new adapter, not a rewrite.
/// One adapter per build holds the database open; each worker thread opens its own session (connection).
/// </summary>
internal interface ISqlAdapter : IDisposable
{
    /// <summary>profiles.yml <c>type</c>, e.g. <c>duckdb</c>.</summary>
    string Type { get; }

    AdapterTarget Target { get; }

    /// <summary>A new connection to the same database instance, with the target's settings applied.</summary>
    ISqlSession OpenSession();

    /// <summary>The identifier quoted as this engine quotes identifiers.</summary>
    string Quote(string identifier);

    /// <summary>The relation as SQL text (<c>"db"."schema"."name"</c>).</summary>
    string Render(Relation relation);

    /// <summary>The engine's create statements and the incremental materialization's SQL.</summary>
    SqlDialect Dialect { get; }

    /// <summary>The column type for a seed column of an inferred kind.</summary>
    string SeedColumnType(SeedColumnKind kind);

    /// <summary>Statements to run on a model's or seed's table right after it is created (Citus's distribution on a
    /// Citus target); none by default.</summary>
    IReadOnlyList<string> AfterCreate(Node node, Relation table) => [];
}

/// <summary>One connection: statements, catalog queries and materialization DDL.</summary>
internal interface ISqlSession : IDisposable
{
    /// <summary>How a C# model run on this session reads and writes the database.</summary>
    ModelStorage OpenModelStorage();

    /// <summary>Runs a statement; returns the rows affected as the database reports them.</summary>
    long Execute(string sql, CancellationToken cancellationToken = default);

    /// <summary>dbt's query comment, added to every statement the session sends while it is set (null: none).</summary>
    QueryComment? Comment { get; set; }

    /// <summary>Runs a query and returns its rows (for small results: tests, catalog queries).</summary>
    IReadOnlyList<object?[]> Query(string sql, CancellationToken cancellationToken = default);

    /// <summary>Runs a statement and returns its columns (names, types) and rows, for templates (dbt's run_query).</summary>
    QueryTable Fetch(string sql, CancellationToken cancellationToken = default);

    /// <summary>Runs statements in one transaction: all or nothing. Returns the rows each statement affected.</summary>
    IReadOnlyList<long> ExecuteInTransaction(IReadOnlyList<string> statements, CancellationToken cancellationToken = default);

    RelationKind? GetRelationKind(Relation relation);

    /// <summary>The names and types of the columns a query returns, without running it to the end.</summary>
    IReadOnlyList<ColumnSchema> DescribeQuery(string sql, CancellationToken cancellationToken = default);

    IReadOnlyList<ColumnSchema> GetColumns(Relation relation);

    void CreateSchemaIfNotExists(string? database, string schema);

    void DropRelationIfExists(Relation relation);

    /// <summary>Creates or replaces a view over <paramref name="sql"/>; replaces a table of the same name.</summary>
    void CreateView(Relation relation, string sql, CancellationToken cancellationToken = default);

    /// <summary>Creates (or replaces) <paramref name="relation"/> as the result of <paramref name="sql"/>.</summary>
    void CreateTableAs(Relation relation, string sql, CancellationToken cancellationToken = default);

    /// <summary>In one transaction: drop <paramref name="target"/> if it exists, rename <paramref name="staged"/> to it.</summary>
    void SwapInto(Relation staged, Relation target);

    /// <summary>Creates an empty table with the given columns (name, SQL type), replacing any relation of that name;
    /// a relation in the <c>temp</c> catalog is a connection-local temporary table.</summary>
    void CreateTable(Relation relation, IReadOnlyList<ColumnSchema> columns);

    /// <summary>Appends string rows to a table whose columns are all text; null entries become NULL.</summary>
    void AppendText(Relation relation, IReadOnlyList<string?[]> rows);
}

/// <summary>A column's name and SQL type.</summary>
public sealed record ColumnSchema(string Name, string DataType);

/// <summary>The kinds dbt's seed type inference (agate) distinguishes.</summary>
public enum SeedColumnKind
{
    Integer,
    Number,
    Boolean,
    Date,
    DateTime,
    Text,
}
