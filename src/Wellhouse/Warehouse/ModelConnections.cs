using DuckDB.NET.Data;

namespace Wellhouse.Warehouse;

/// <summary>A second connection to the database of a C# model's connection, to read upstream rows while appending.</summary>
internal static class ModelConnections
{
    public static DuckDBConnection OpenSecond(DuckDBConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.ConnectionString.Contains(":memory:", StringComparison.OrdinalIgnoreCase))
        {
            // An in-memory database (the engine may attach the target file to one) is reached by duplication only.
            var duplicate = connection.Duplicate();
            if (duplicate.State != System.Data.ConnectionState.Open)
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
}
