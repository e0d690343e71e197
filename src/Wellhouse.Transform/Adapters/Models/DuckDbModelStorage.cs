using System.Data;
using DuckDB.NET.Data;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Transform.Adapters.Models;

/// <summary>A C# model's storage on DuckDB: statements on the model's connection; readers and writers on second
/// connections to the same database instance. Tables without list columns are written a data chunk at a time
/// (<see cref="DuckDbChunkWriter"/>; the writers of one table share one appender, <see cref="DuckDbTableAppender"/>),
/// others through DuckDB.NET's row appender, one per writer.</summary>
internal sealed class DuckDbModelStorage(DuckDBConnection connection) : ModelStorage
{
    /// <summary>The shared appender of each table that chunk writers are open on.</summary>
    private readonly Dictionary<string, DuckDbTableAppender> appenders = new(StringComparer.Ordinal);

    public override async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override ModelWriter OpenWriter(Graph.Relation relation, IReadOnlyList<ModelColumn> columns)
    {
        if (columns.Any(column => column.IsList))
        {
            var own = OpenWriterConnection();
            try
            {
                return new DuckDbRowWriter(own, relation, columns);
            }
            catch
            {
                own.Dispose();
                throw;
            }
        }

        lock (appenders)
        {
            var key = relation.ToString();
            if (!appenders.TryGetValue(key, out var shared))
            {
                var own = OpenWriterConnection();
                try
                {
                    shared = new DuckDbTableAppender(own, relation, columns, () => { lock (appenders) { appenders.Remove(key); } });
                }
                catch
                {
                    own.Dispose();
                    throw;
                }

                appenders[key] = shared;
            }

            return new DuckDbChunkWriter(shared, columns);
        }
    }

    public override ModelReader Read(string sql, CancellationToken cancellationToken)
    {
        var second = OpenSecond();
        try
        {
            return new DuckDbModelReader(second, sql);
        }
        catch
        {
            second.Dispose();
            throw;
        }
    }

    /// <summary>With insertion order preserved on the reader's connection (the targets set it false for the build's
    /// other queries), DuckDB returns a streamed scan's rows in the table's row order, batch by batch, while its threads
    /// still scan in parallel.</summary>
    public override ModelReader? ReadInStorageOrder(string sql, CancellationToken cancellationToken)
    {
        var second = OpenSecond();
        try
        {
            KeepInsertionOrder(second);
            return new DuckDbModelReader(second, sql);
        }
        catch
        {
            second.Dispose();
            throw;
        }
    }

    protected override string TypeName(ModelColumn column) => column.Type switch
    {
        ModelType.Integer => "integer",
        ModelType.Double => "double",
        ModelType.Date => "date",
        ModelType.DateList => "date[]",
        ModelType.DoubleList => "double[]",
        ModelType.Enum => "enum(" + string.Join(", ", column.Values!.Select(value => DuckDbAdapter.Literal(value))) + ")",
        _ => "varchar",
    };

    private DuckDBConnection OpenWriterConnection()
    {
        var own = OpenSecond();
        try
        {
            KeepInsertionOrder(own);
            return own;
        }
        catch
        {
            own.Dispose();
            throw;
        }
    }

    /// <summary>A second connection to the model connection's database.</summary>
    private DuckDBConnection OpenSecond()
    {
        if (connection.ConnectionString.Contains(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            // An in-memory database (the engine may attach the target file to one) is reached by duplication only.
            var duplicate = connection.Duplicate();
            if (duplicate.State != ConnectionState.Open)
            {
                duplicate.Open();
            }

            return duplicate;
        }

        // In one process DuckDB.NET shares one database instance per path string, so this opens the same database.
        var second = new DuckDBConnection(connection.ConnectionString);
        second.Open();
        return second;
    }

    /// <summary>
    /// Appends in insertion order on this connection, whatever the target's <c>preserve_insertion_order</c> (false for
    /// ci and prod): with it false, DuckDB's appender wrote every row group twice and left the first copy as free
    /// blocks in the file (at 1 M rows: 160 free blocks, 40 MiB, for a 66 MiB table; also 2.1 times slower in a
    /// reduced case). The rows of one writer stay in the order they are written.
    /// </summary>
    private static void KeepInsertionOrder(DuckDBConnection second)
    {
        using var command = second.CreateCommand();
        command.CommandText = "set session preserve_insertion_order = true";
        command.ExecuteNonQuery();
    }
}
