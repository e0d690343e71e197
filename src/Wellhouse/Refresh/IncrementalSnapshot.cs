using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Wellhouse.Ingest;

namespace Wellhouse.Refresh;

/// <summary>
/// Starts an incremental snapshot from its parent (docs/architecture.md, "Snapshots"; docs/warehouse.md, "Incremental
/// refresh"): copies the parent's finished file to the new snapshot's path (the parent is only read), writes
/// <c>refresh_wells</c> (the wells of the new raw batches, and wells with future-dated rows, which the build's date may
/// now accept), drops the tables the build replaces whole (models materialized as tables, seeds: named by the parent's
/// manifest.json), so that their blocks are free for the build to reuse instead of growing the file, and deletes the
/// refreshed wells' rows, and rows without a well, from every other table of the copy that has a <c>well_code</c>
/// column. The build then appends those wells' rows again (the warehouse's incremental models) and rebuilds every
/// other model whole. Without the parent's manifest nothing is dropped (the file then keeps the replaced tables'
/// blocks as free space).
/// </summary>
internal static class IncrementalSnapshot
{
    /// <summary>What the preparation did, for the run log.</summary>
    internal sealed record Prepared(int Wells, int Tables, int Dropped, long CopiedBytes, double CopySeconds, double DeleteSeconds);

    public static Prepared Prepare(string parentPath, string snapshotPath, IReadOnlyList<string> newBatchFiles, string? parentManifest = null)
    {
        var rebuilt = parentManifest is not null && File.Exists(parentManifest) ? RebuiltWhole(parentManifest) : [];
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
        var dropped = Tables(connection, "true").Where(rebuilt.Contains).ToList();
        foreach (var table in dropped)
        {
            Execute(connection, $"drop table main.{Quote(table)}");
        }

        var tables = Tables(connection, "c.column_name = 'well_code'");
        foreach (var table in tables)
        {
            Execute(connection, $"""
                delete from main.{Quote(table)}
                where well_code is null or well_code in (select well_code from main.refresh_wells)
                """);
        }

        return new Prepared(wells, tables.Count, dropped.Count, new FileInfo(snapshotPath).Length, copySeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The wells of <paramref name="newBatchFiles"/> and of every batch (<paramref name="allBatchFiles"/>, which holds
    /// the new ones), counted from the raw Parquet files' <c>well_code</c> column alone (an in-memory DuckDB; 11 files
    /// of 10 M rows: about 0.4 s at load 19 on 2 cores, bench/warehouse/README.md): what <see cref="RefreshPlan.WithChangedWells"/> compares before the parent is copied.
    /// </summary>
    public static (int Changed, int Wells) CountWells(IReadOnlyList<string> allBatchFiles, IReadOnlyList<string> newBatchFiles)
    {
        if (allBatchFiles.Count == 0)
        {
            return (0, 0);
        }

        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var all = string.Join(", ", allBatchFiles.Select(SqlText.Literal));
        var added = newBatchFiles.Count == 0 ? "false" : $"filename in ({string.Join(", ", newBatchFiles.Select(SqlText.Literal))})";
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select count(distinct well_code) filter (where {added}), count(distinct well_code)
            from read_parquet([{all}], union_by_name = true, filename = true)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>The tables of the copy (but refresh_wells) with a column that meets <paramref name="columnCondition"/>.</summary>
    private static List<string> Tables(DuckDBConnection connection, string columnCondition)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select distinct c.table_name
            from duckdb_columns() as c
            inner join duckdb_tables() as t
                on c.database_name = t.database_name and c.schema_name = t.schema_name and c.table_name = t.table_name
            where c.database_name = current_database() and c.schema_name = 'main' and {columnCondition}
                and c.table_name <> 'refresh_wells'
            order by c.table_name
            """;
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    /// <summary>
    /// The relations a build replaces whole, from a manifest.json of the same project (an incremental refresh runs
    /// only when the project has not changed since its parent): models materialized as tables, and seeds.
    /// </summary>
    internal static HashSet<string> RebuiltWhole(string manifestPath)
    {
        using var stream = File.OpenRead(manifestPath);
        using var manifest = JsonDocument.Parse(stream);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in manifest.RootElement.GetProperty("nodes").EnumerateObject().Select(entry => entry.Value))
        {
            var type = node.GetProperty("resource_type").GetString();
            var materialized = node.TryGetProperty("config", out var config) && config.TryGetProperty("materialized", out var value)
                ? value.GetString() : null;
            if ((type == "model" && materialized == "table") || type == "seed")
            {
                names.Add(node.TryGetProperty("alias", out var alias) && alias.GetString() is { } name ? name : node.GetProperty("name").GetString()!);
            }
        }

        return names;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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
