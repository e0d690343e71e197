using DuckDB.NET.Data;

namespace Wellhouse.Testing;

/// <summary>Reads a DuckDB file read-only after a build, as another process would. Compiled into the test projects that
/// reference DuckDB (tests/Shared/DuckDb is not in the glob every test project takes).</summary>
internal static class DuckDbReader
{
    public static List<object?[]> Query(string path, string sql)
    {
        using var connection = new DuckDBConnection($"Data Source={path};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static object? Scalar(string path, string sql) => Query(path, sql)[0][0];
}
