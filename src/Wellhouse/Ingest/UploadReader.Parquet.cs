using System.Globalization;
using DuckDB.NET.Data;

namespace Wellhouse.Ingest;

internal sealed partial class UploadReader
{
    /// <summary>
    /// A Parquet file with the contract's column names. The row count in the file's footer is checked against the limit
    /// first: a few KB of Parquet can decompress to millions of rows. Then, unless told otherwise, the bulk path
    /// (<see cref="ParquetBulkCheck"/>): when one query finds every row valid, the writer copies them by SQL; else the file
    /// is read through DuckDB's read_parquet as a stream, row by row.
    /// </summary>
    private void ReadParquet(string path, BatchWriter writer)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            long rows;
            using (var count = connection.CreateCommand())
            {
                count.CommandText = $"select cast(coalesce(sum(num_rows), 0) as bigint) from parquet_file_metadata({SqlText.Literal(path)})";
                rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (rows > maxRows)
                {
                    throw new UploadTooLargeException(TooManyRows($"the Parquet file holds {rows} rows"));
                }
            }

            var columns = new List<(string Name, string Type)>();
            using (var describe = connection.CreateCommand())
            {
                describe.CommandText = $"select column_name, column_type from (describe select * from read_parquet({SqlText.Literal(path)}))";
                using var schema = describe.ExecuteReader();
                while (schema.Read())
                {
                    columns.Add((schema.GetString(0), schema.GetString(1)));
                }
            }

            var map = MapHeader(columns.ConvertAll(column => column.Name), "Parquet schema");
            if (bulk && ParquetBulkCheck.TryCheck(connection, path, columns, map, receivedAt, knownSources) is { } checkedRows)
            {
                writer.AppendAll(checkedRows, path, rows);
                TotalRows = rows;
                CopiedInBulk = true;
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = $"select * from read_parquet({SqlText.Literal(path)})";
            command.UseStreamingMode = true;
            using var reader = (DuckDBDataReader)command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < map.Length; i++)
                {
                    _parser.Set(map[i], reader.IsDBNull(i) ? null : reader.GetValue(i));
                }

                Complete(writer);
            }
        }
        catch (DuckDBException ex)
        {
            // DuckDB names the file it read: the server's temporary path, which is none of the client's business.
            throw new MalformedUploadException($"row {TotalRows + 1}: not readable as Parquet: {ex.Message.Replace(path, "the upload", StringComparison.Ordinal)}", ex);
        }
    }
}
