using DuckDB.NET.Data;
using Wellhouse.Serving;

namespace Wellhouse.Snapshots;

/// <summary>
/// A published snapshot open for reading. It keeps one read-only connection open for its lifetime, so DuckDB.NET keeps
/// the database instance (and its cache) alive; each request opens its own cheap connection to the same instance.
/// The file is opened with ACCESS_MODE=READ_ONLY, so any number of processes may read it (DuckDB's concurrency model).
/// </summary>
internal sealed class ServedSnapshot : IDisposable
{
    private readonly DuckDBConnection _keeper;

    public ServedSnapshot(SnapshotInfo info, string path)
    {
        Info = info;
        ConnectionString = ServeStoreLoader.ConnectionString(path);
        _keeper = new DuckDBConnection(ConnectionString);
        _keeper.Open();
    }

    public SnapshotInfo Info { get; }

    public string Id => Info.Id;

    public string ConnectionString { get; }

    /// <summary>The snapshot's serving store (per-well series), or null when it could not be built (series then come from SQL).</summary>
    public ServeStore? Serve { get; set; }

    /// <summary>A new open connection for one request; the caller disposes it.</summary>
    public DuckDBConnection OpenConnection()
    {
        var connection = new DuckDBConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose() => _keeper.Dispose();
}
