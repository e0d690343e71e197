using System.Data.Common;
using Wellhouse.Serving;

namespace Wellhouse.Snapshots;

/// <summary>
/// A published snapshot open for reading: its DuckDB file (read-only) or its PostgreSQL schema
/// (<see cref="ISnapshotReader"/>), and its serving store.
/// </summary>
internal sealed class ServedSnapshot(SnapshotInfo info, ISnapshotReader reader) : IDisposable
{
    public SnapshotInfo Info { get; } = info;

    public string Id => Info.Id;

    /// <summary>The snapshot's serving store (per-well series), or null when it could not be built (series then come from SQL).</summary>
    public ServeStore? Serve { get; set; }

    /// <summary>A new open connection for one request; the caller disposes it.</summary>
    public DbConnection OpenConnection() => reader.OpenConnection();

    public void Dispose() => reader.Dispose();
}
