using System.Data.Common;
using DuckDB.NET.Data;

namespace Wellhouse.Serving;

/// <summary>
/// Gives a published snapshot its serving store: maps <c>&lt;id&gt;.serve</c>, or builds it first when it is missing
/// (a snapshot built by an older version) or does not check out (another snapshot's, another format, damaged). A
/// store that cannot be built is logged and the snapshot is served from SQL, as before the store existed.
/// </summary>
internal static class ServeStoreLoader
{
    /// <summary>Builds the store of a freshly built snapshot file (the refresh's step after its tests), reusing the
    /// parent's store when the snapshot was built incrementally on it (<see cref="ServeStoreReuse"/>).</summary>
    public static ServeBuildReport Build(string databasePath, string servePath, string snapshotId, ServePrevious? previous = null)
    {
        using var connection = new DuckDBConnection(ConnectionString(databasePath));
        connection.Open();
        return ServeStoreBuilder.Build(connection, snapshotId, servePath, previous);
    }

    /// <summary>The same for a snapshot on any engine, read through <paramref name="reader"/>.</summary>
    public static ServeBuildReport Build(Snapshots.ISnapshotReader reader, string servePath, string snapshotId, ServePrevious? previous = null)
    {
        using var connection = reader.OpenConnection();
        return ServeStoreBuilder.Build(connection, snapshotId, servePath, previous);
    }

    /// <summary>The read-only connection string readers use (one DuckDB instance per path string in a process).</summary>
    public static string ConnectionString(string databasePath) => $"Data Source={databasePath};ACCESS_MODE=READ_ONLY";

    /// <summary>Checks a served store's columns (<see cref="ServeStore.Verify"/>): the same store when they check out, a
    /// rebuilt one when they do not, or null when it cannot be rebuilt (its series are then served from SQL).</summary>
    public static ServeStore? VerifyOrRebuild(ServeStore store, string snapshotId, Func<DbConnection> connect, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            store.Verify();
            logger.LogInformation("Serving store {Path} checked ({Milliseconds:F0} ms)", store.Path,
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return store;
        }
        catch (InvalidDataException ex)
        {
            logger.LogError("Serving store {Path} is damaged ({Problem}); its series are served from SQL while it is rebuilt", store.Path, ex.Message);
        }

        try
        {
            using var connection = connect();
            var report = ServeStoreBuilder.Build(connection, snapshotId, store.Path);
            logger.LogInformation("Built {Report}", report.ToString());
            var rebuilt = ServeStore.Open(store.Path, snapshotId);
            rebuilt.Verify();
            return rebuilt;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Cannot rebuild the serving store of snapshot {SnapshotId}; its series are served from SQL", snapshotId);
            return null;
        }
    }

    public static ServeStore? OpenOrBuild(string servePath, string snapshotId, Func<DbConnection> connect, ILogger logger)
    {
        if (File.Exists(servePath))
        {
            try
            {
                return ServeStore.Open(servePath, snapshotId);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                logger.LogWarning("Serving store {Path} is not usable ({Problem}); rebuilding it", servePath, ex.Message);
            }
        }

        try
        {
            using var connection = connect();
            var report = ServeStoreBuilder.Build(connection, snapshotId, servePath);
            logger.LogInformation("Built {Report}", report.ToString());
            return ServeStore.Open(servePath, snapshotId);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Cannot build the serving store of snapshot {SnapshotId}; its series are served from SQL", snapshotId);
            return null;
        }
    }
}
