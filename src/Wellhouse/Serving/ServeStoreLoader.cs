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
    /// <summary>Builds the store of a freshly built snapshot file (the refresh's step after its tests).</summary>
    public static ServeBuildReport Build(string databasePath, string servePath, string snapshotId)
    {
        using var connection = new DuckDBConnection(ConnectionString(databasePath));
        connection.Open();
        return ServeStoreBuilder.Build(connection, snapshotId, servePath);
    }

    /// <summary>The read-only connection string readers use (one DuckDB instance per path string in a process).</summary>
    public static string ConnectionString(string databasePath) => $"Data Source={databasePath};ACCESS_MODE=READ_ONLY";

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
