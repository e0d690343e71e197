using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Wellhouse.Ingest;

namespace Wellhouse.Refresh;

/// <summary>
/// Starts an incremental snapshot from its parent (docs/architecture.md, "Snapshots"; docs/warehouse.md, "Incremental
/// refresh"): copies the parent's finished file to the new snapshot's path (the parent is only read), writes
/// <c>refresh_wells</c> (the wells of the new raw batches, and wells with future-dated rows, which the build's date may
/// now accept), and deletes those wells' rows, and rows without a well, from every table of the copy that has a
/// <c>well_code</c> column. The build then appends those wells' rows again (the warehouse's incremental models) and
/// rebuilds every other model whole.
/// </summary>
internal static class IncrementalSnapshot
{
    /// <summary>What the preparation did, for the run log.</summary>
    internal sealed record Prepared(int Wells, int Tables, long CopiedBytes, double CopySeconds, double DeleteSeconds);

    public static Prepared Prepare(string parentPath, string snapshotPath, IReadOnlyList<string> newBatchFiles)
    {
        var clock = Stopwatch.StartNew();
        var temp = snapshotPath + ".copy";
        File.Copy(parentPath, temp, overwrite: true);
        File.Move(temp, snapshotPath);
        var copySeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();

        using var connection = new DuckDBConnection($"Data Source={snapshotPath}");
        connection.Open();
        var newWells = newBatchFiles.Count == 0 ? string.Empty : $"""
            select well_code from read_parquet([{string.Join(", ", newBatchFiles.Select(SqlText.Literal))}], union_by_name = true)
            union
            """;
        Execute(connection, $"""
            create or replace table main.refresh_wells as
            select distinct well_code from (
                {newWells}
                select well_code from main.stg_well_production_rejects where reject_reason = 'future_period'
            )
            where well_code is not null
            order by well_code
            """);
        var wells = Convert.ToInt32(Scalar(connection, "select count(*) from main.refresh_wells"), CultureInfo.InvariantCulture);
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                select c.table_name
                from duckdb_columns() as c
                inner join duckdb_tables() as t
                    on c.database_name = t.database_name and c.schema_name = t.schema_name and c.table_name = t.table_name
                where c.database_name = current_database() and c.schema_name = 'main' and c.column_name = 'well_code'
                    and c.table_name <> 'refresh_wells'
                order by c.table_name
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            Execute(connection, $"""
                delete from main."{table.Replace("\"", "\"\"", StringComparison.Ordinal)}"
                where well_code is null or well_code in (select well_code from main.refresh_wells)
                """);
        }

        return new Prepared(wells, tables.Count, new FileInfo(snapshotPath).Length, copySeconds, clock.Elapsed.TotalSeconds);
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
