using System.Diagnostics;
using DuckDB.NET.Data;
using Npgsql;
using NpgsqlTypes;
using Wellhouse.Ingest;

namespace Wellhouse.Refresh;

/// <summary>
/// The raw rows of a PostgreSQL snapshot: the raw store stays Parquet files (ingest is the same on both engines), and
/// PostgreSQL cannot read them in place, so a refresh copies the batches it builds from into the table
/// <c>well_production</c> of the new snapshot's schema (the source <c>raw.well_production</c> of that build, through
/// the var <c>raw_schema</c>): DuckDB reads the files, Npgsql's binary COPY writes the rows, values exactly as stored.
/// The snapshot keeps them, so its views over the raw rows stay what they were when it was built.
/// </summary>
internal static class PostgresRawTable
{
    public const string Table = "well_production";

    /// <summary>What the copy did, for the run log.</summary>
    internal sealed record Loaded(long Rows, double Seconds)
    {
        public override string ToString() => FormattableString.Invariant($"raw rows copied to PostgreSQL: {Rows:N0} in {Seconds:F2}s");
    }

    /// <summary>The raw contract's columns with their DuckDB types (<see cref="BatchWriter.TableDefinition"/>).</summary>
    private static readonly (string Name, string Type)[] Columns = [.. BatchWriter.TableDefinition
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(column => column.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(parts => (parts[0], parts[1]))];

    /// <summary>Creates <c>schema.well_production</c> and copies the rows of <paramref name="batchFiles"/> into it.</summary>
    public static Loaded Load(NpgsqlConnection connection, string schema, IReadOnlyList<string> batchFiles, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var table = $"{schema}.{Table}";
        using (var create = new NpgsqlCommand(
            $"create table {table} ({string.Join(", ", Columns.Select(column => $"{column.Name} {PostgresType(column.Type)}"))})", connection))
        {
            create.ExecuteNonQuery();
        }

        using var duckdb = new DuckDBConnection("Data Source=:memory:");
        duckdb.Open();
        using var select = duckdb.CreateCommand();
        select.CommandText = $"select {string.Join(", ", Columns.Select(column => column.Name))} from read_parquet({SqlText.List(batchFiles)}, union_by_name = true)";
        using var reader = select.ExecuteReader();
        using var writer = connection.BeginBinaryImport(
            $"copy {table} ({string.Join(", ", Columns.Select(column => column.Name))}) from stdin (format binary)");
        long rows = 0;
        while (reader.Read())
        {
            if (++rows % 65536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            writer.StartRow();
            for (var i = 0; i < Columns.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    writer.WriteNull();
                    continue;
                }

                switch (Columns[i].Type)
                {
                    case "INTEGER":
                        writer.Write(reader.GetInt32(i), NpgsqlDbType.Integer);
                        break;
                    case "DOUBLE":
                        writer.Write(reader.GetDouble(i), NpgsqlDbType.Double);
                        break;
                    case "DATE":
                        writer.Write(reader.GetFieldValue<DateOnly>(i), NpgsqlDbType.Date);
                        break;
                    case "TIMESTAMP":
                        writer.Write(DateTime.SpecifyKind(reader.GetDateTime(i), DateTimeKind.Unspecified), NpgsqlDbType.Timestamp);
                        break;
                    default:
                        writer.Write(reader.GetString(i), NpgsqlDbType.Text);
                        break;
                }
            }
        }

        writer.Complete();
        return new Loaded(rows, clock.Elapsed.TotalSeconds);
    }

    private static string PostgresType(string duckDbType) => duckDbType switch
    {
        "INTEGER" => "integer",
        "DOUBLE" => "double precision",
        "DATE" => "date",
        "TIMESTAMP" => "timestamp",
        "VARCHAR" => "text",
        _ => throw new InvalidOperationException($"the raw contract's type {duckDbType} has no PostgreSQL type here"),
    };
}
