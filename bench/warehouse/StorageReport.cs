using System.Globalization;
using System.Text;
using DuckDB.NET.Data;

namespace Wellhouse.Warehouse.Bench;

/// <summary>
/// <c>--storage SNAPSHOT [RAW...]</c>: the bytes each table of a snapshot takes on disk, its largest columns, the
/// file's used and free blocks, and the ratio to the raw Parquet files given (files or folders of *.parquet).
/// A segment's bytes are estimated from DuckDB's <c>pragma_storage_info</c>: the distance to the next segment in the
/// same block (or to the block's end), plus the whole blocks of its additional_block_ids (long strings). Segments of
/// one block are laid out in offset order, so the estimates of a file's segments add up to its used blocks; a small
/// table's last segment is charged the rest of its block, so tables of a few rows read as a quarter of a MiB each.
/// </summary>
internal static class StorageReport
{
    public static int Run(string snapshot, IReadOnlyList<string> raw)
    {
        using var connection = new DuckDBConnection($"Data Source={snapshot};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var tables = Rows(connection, "select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'main' order by 1")
            .Select(row => (string)row[0]!).ToList();
        var segments = string.Join("\nunion all\n", tables.Select(table => $"""
            select '{table}' as table_name, column_name, compression, count, block_id, block_offset,
                len(additional_block_ids) as extra_blocks
            from pragma_storage_info('{table}') where persistent and block_id >= 0 and segment_type <> 'VALIDITY'
            union all
            select '{table}', column_name || ' (validity)', compression, count, block_id, block_offset, len(additional_block_ids)
            from pragma_storage_info('{table}') where persistent and block_id >= 0 and segment_type = 'VALIDITY'
            """));
        var blockSize = Convert.ToInt64(Rows(connection, "select block_size from pragma_database_size() where database_name = current_database()")[0][0], CultureInfo.InvariantCulture);
        var sized = $"""
            select *, coalesce(lead(block_offset) over (partition by block_id order by block_offset), {blockSize}) - block_offset
                + extra_blocks * {blockSize} as bytes
            from ({segments})
            """;
        var output = new StringBuilder();
        var rawBytes = RawBytes(raw);
        output.AppendLine(CultureInfo.InvariantCulture, $"{"table",-34} {"rows",12} {"MiB",9} {"bytes/row",9}  largest columns (MiB)");
        foreach (var row in Rows(connection, $"""
            with sized as ({sized}),
            by_column as (
                select table_name, column_name, sum(bytes)::bigint as bytes from sized group by all
            ),
            ranked as (
                select *, row_number() over (partition by table_name order by bytes desc) as rank from by_column
            )
            select table_name, sum(bytes)::bigint as bytes,
                string_agg(column_name || ' ' || printf('%.1f', bytes / 1048576.0), ', ' order by bytes desc) filter (where rank <= 4)
            from ranked group by table_name order by bytes desc
            """))
        {
            var table = (string)row[0]!;
            var bytes = Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
            var count = Convert.ToInt64(Rows(connection, $"select count(*) from main.\"{table}\"")[0][0], CultureInfo.InvariantCulture);
            output.AppendLine(CultureInfo.InvariantCulture,
                $"{table,-34} {count,12:N0} {bytes / 1048576.0,9:N1} {(count == 0 ? 0 : bytes / (double)count),9:N1}  {row[2]}");
        }

        var size = Rows(connection, "select total_blocks, used_blocks, free_blocks from pragma_database_size() where database_name = current_database()")[0];
        var used = Convert.ToInt64(size[1], CultureInfo.InvariantCulture) * blockSize;
        var file = new FileInfo(snapshot).Length;
        output.AppendLine(CultureInfo.InvariantCulture,
            $"file {file / 1048576.0:N1} MiB: used blocks {used / 1048576.0:N1} MiB, free blocks {Convert.ToInt64(size[2], CultureInfo.InvariantCulture) * blockSize / 1048576.0:N1} MiB");
        if (rawBytes > 0)
        {
            output.AppendLine(CultureInfo.InvariantCulture,
                $"raw Parquet {rawBytes / 1048576.0:N1} MiB: snapshot file / raw {file / (double)rawBytes:F2}, used blocks / raw {used / (double)rawBytes:F2}");
        }

        Console.Write(output.ToString());
        return 0;
    }

    private static long RawBytes(IReadOnlyList<string> raw) => raw
        .SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories) : [path])
        .Sum(path => new FileInfo(path).Length);

    private static List<object?[]> Rows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(values);
        }

        return rows;
    }
}
