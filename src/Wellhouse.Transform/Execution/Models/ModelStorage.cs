using DuckDB.NET.Data;
using Wellhouse.Transform.Adapters.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution.Models;

/// <summary>
/// How a C# model reads and writes the target database, whatever its engine: a C# model names its table's columns
/// once (<see cref="ModelColumn"/>), creates its table, streams rows in with <see cref="OpenWriter"/> (DuckDB's
/// appender, PostgreSQL's binary COPY) and reads query results with <see cref="Read"/> (a DuckDB reader, PostgreSQL's
/// binary COPY out). Readers and writers each hold a connection of their own, so a model may read while it writes
/// and write from several threads at once.
/// </summary>
public abstract class ModelStorage
{
    /// <summary>Storage on a DuckDB connection (hosts and tests that run a model outside a build).</summary>
    public static ModelStorage ForDuckDb(DuckDBConnection connection) => new DuckDbModelStorage(connection);

    /// <summary>Runs a statement on the model's own connection.</summary>
    public abstract Task ExecuteAsync(string sql, CancellationToken cancellationToken);

    /// <summary>Creates <paramref name="relation"/> as an empty table of <paramref name="columns"/>.</summary>
    public Task CreateTableAsync(Relation relation, IReadOnlyList<ModelColumn> columns, CancellationToken cancellationToken) =>
        ExecuteAsync($"create table {relation} ({string.Join(", ", columns.Select(c => c.Name + " " + TypeName(c)))})", cancellationToken);

    /// <summary>A writer appending rows of <paramref name="columns"/> (the table's, in order) to <paramref name="relation"/>;
    /// its rows are committed by <see cref="ModelWriter.Complete"/>.</summary>
    public abstract ModelWriter OpenWriter(Relation relation, IReadOnlyList<ModelColumn> columns);

    /// <summary>Runs a query on a connection of its own and reads its rows.</summary>
    public abstract ModelReader Read(string sql, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a query without an <c>order by</c> on a connection of its own and reads its rows in the order the tables it
    /// scans store them (a table built with an <c>order by</c> comes back in that order, without sorting it again), or
    /// null when this engine does not keep a stored order (PostgreSQL's heap; the caller then sorts). The order is as
    /// stored, not as the caller wishes: a model that needs sorted rows checks each row and falls back to a sorted
    /// query when one is out of place.
    /// </summary>
    public virtual ModelReader? ReadInStorageOrder(string sql, CancellationToken cancellationToken) => null;

    /// <summary>The column's type in this engine's SQL.</summary>
    protected abstract string TypeName(ModelColumn column);
}
