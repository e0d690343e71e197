using System.Data.Common;
using DuckDB.NET.Data;
using Wellhouse.Hosting;

namespace Wellhouse.Snapshots;

/// <summary>
/// Where a snapshot's relations live, by engine (docs/architecture.md, "Snapshots"): a DuckDB file
/// <c>snapshots/&lt;id&gt;.duckdb</c> (<see cref="DuckDbSnapshotDatabase"/>) or a schema <c>wh_&lt;id&gt;</c> of a
/// PostgreSQL database (<see cref="PostgresSnapshotDatabase"/>). The rest of a snapshot (its info, its serving store,
/// the publish pointer) is files of the data directory on either engine.
/// </summary>
internal interface ISnapshotDatabase
{
    /// <summary><c>duckdb</c> or <c>postgres</c>.</summary>
    string Engine { get; }

    /// <summary>Whether the snapshot's relations exist.</summary>
    bool Exists(string id);

    /// <summary>The ids whose relations exist, finished or not (recovery deletes the unfinished ones).</summary>
    IReadOnlyList<string> Ids();

    /// <summary>Bytes the snapshot's relations take.</summary>
    long SizeBytes(string id);

    /// <summary>Makes a finished build durable before it is recorded.</summary>
    void MakeDurable(string id);

    /// <summary>Removes the snapshot's relations (logged, not thrown, when they cannot be removed).</summary>
    void Delete(string id);

    /// <summary>Opens the snapshot for reading; the reader hands out one connection per request.</summary>
    ISnapshotReader OpenReader(string id);
}

/// <summary>A snapshot open for reading: new read-only connections to it.</summary>
internal interface ISnapshotReader : IDisposable
{
    /// <summary>A new open connection; the caller disposes it.</summary>
    DbConnection OpenConnection();
}

/// <summary>Snapshots as DuckDB files: <c>snapshots/&lt;id&gt;.duckdb</c>, read with ACCESS_MODE=READ_ONLY.</summary>
internal sealed class DuckDbSnapshotDatabase(DataDirectory data, ILogger logger) : ISnapshotDatabase
{
    public string Engine => "duckdb";

    public string Path(string id) => System.IO.Path.Combine(data.Snapshots, id + ".duckdb");

    public bool Exists(string id) => File.Exists(Path(id));

    public IReadOnlyList<string> Ids() => Directory.Exists(data.Snapshots)
        ? [.. Directory.EnumerateFiles(data.Snapshots, "*.duckdb").Select(System.IO.Path.GetFileNameWithoutExtension).OfType<string>().Where(SnapshotIds.IsValid)]
        : [];

    public long SizeBytes(string id) => new FileInfo(Path(id)).Length;

    public void MakeDurable(string id) => DurableFile.Fsync(Path(id));

    public void Delete(string id)
    {
        foreach (var path in new[] { Path(id), Path(id) + ".wal" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException ex)
            {
                logger.LogWarning(ex, "Could not delete {Path}", path);
            }
        }

        // DuckDB spills to <database file>.tmp/ when a build passes its memory_limit; it removes the folder when the
        // database closes, but a killed build leaves it behind.
        var spill = Path(id) + ".tmp";
        try
        {
            if (Directory.Exists(spill))
            {
                Directory.Delete(spill, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete {Path}", spill);
        }
    }

    public ISnapshotReader OpenReader(string id) => new Reader(Serving.ServeStoreLoader.ConnectionString(Path(id)));

    /// <summary>Keeps one read-only connection open for its lifetime, so DuckDB.NET keeps the database instance (and
    /// its cache) alive; each request opens its own cheap connection to the same instance. Any number of processes may
    /// read the file (DuckDB's concurrency model).</summary>
    private sealed class Reader : ISnapshotReader
    {
        private readonly string _connectionString;
        private readonly DuckDBConnection _keeper;

        public Reader(string connectionString)
        {
            _connectionString = connectionString;
            _keeper = new DuckDBConnection(connectionString);
            _keeper.Open();
        }

        public DbConnection OpenConnection()
        {
            var connection = new DuckDBConnection(_connectionString);
            connection.Open();
            return connection;
        }

        public void Dispose() => _keeper.Dispose();
    }
}
