using DuckDB.NET.Data;

namespace Wellhouse.Ingest;

internal sealed partial class UploadReader
{
    /// <summary>A Parquet file with the contract's column names, read through DuckDB's read_parquet.</summary>
    private void ReadParquet(string path, BatchWriter writer)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from read_parquet({SqlText.Literal(path)})";
        DuckDBDataReader reader;
        try
        {
            reader = (DuckDBDataReader)command.ExecuteReader();
        }
        catch (DuckDBException ex)
        {
            throw new MalformedUploadException($"not readable as Parquet: {ex.Message}", ex);
        }

        using (reader)
        {
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
    }
}
