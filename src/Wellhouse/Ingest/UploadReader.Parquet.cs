using System.Globalization;
using DuckDB.NET.Data;

namespace Wellhouse.Ingest;

internal sealed partial class UploadReader
{
    /// <summary>
    /// A Parquet file with the contract's column names, read through DuckDB's read_parquet as a stream. The row count in
    /// the file's footer is checked against the limit first: a few KB of Parquet can decompress to millions of rows.
    /// </summary>
    private void ReadParquet(string path, BatchWriter writer)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        try
        {
            connection.Open();
            using (var count = connection.CreateCommand())
            {
                count.CommandText = $"select cast(coalesce(sum(num_rows), 0) as bigint) from parquet_file_metadata({SqlText.Literal(path)})";
                var rows = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (rows > maxRows)
                {
                    throw new UploadTooLargeException(TooManyRows($"the Parquet file holds {rows} rows"));
                }
            }

            using var command = connection.CreateCommand();
            command.CommandText = $"select * from read_parquet({SqlText.Literal(path)})";
            command.UseStreamingMode = true;
            using var reader = (DuckDBDataReader)command.ExecuteReader();
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var map = MapHeader(names, "Parquet schema");
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
