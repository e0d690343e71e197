using DuckDB.NET.Data;
using Wellhouse.Ingest;

namespace Wellhouse.Generate;

/// <summary>
/// Writes rows of the raw contract to a Parquet or CSV file through an in-memory DuckDB table (appender, then
/// <c>COPY ... TO</c>). The file is written under a temporary name and renamed into place, so a reader never sees
/// half a file.
/// </summary>
internal sealed class RawRowWriter : IDisposable
{
    private readonly DuckDBConnection connection = new("Data Source=:memory:");

    public RawRowWriter()
    {
        connection.Open();
        Execute("""
            create table well_production (
                field_code integer, field_name varchar, well_code integer, well_reference varchar, well_name varchar,
                production_period date, days_on_production double, oil_production_kbd double,
                gas_production_mmcfd double, liquids_production_kbd double, water_production_kbd double,
                data_source varchar, source_data varchar, partition_0 varchar, created_at timestamp, updated_at timestamp
            )
            """);
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/>: Parquet when it ends in .parquet, else CSV with a header.</summary>
    public void Write(IEnumerable<RawProductionRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(path);
        Execute("delete from well_production");
        using (var appender = connection.CreateAppender("well_production"))
        {
            foreach (var row in rows)
            {
                appender.CreateRow()
                    .AppendValue(row.FieldCode).AppendValue(row.FieldName).AppendValue(row.WellCode)
                    .AppendValue(row.WellReference).AppendValue(row.WellName).AppendValue(row.ProductionPeriod)
                    .AppendValue(row.DaysOnProduction).AppendValue(row.OilProductionKbd).AppendValue(row.GasProductionMmcfd)
                    .AppendValue(row.LiquidsProductionKbd).AppendValue(row.WaterProductionKbd).AppendValue(row.DataSource)
                    .AppendValue(row.SourceData).AppendValue(row.Partition0).AppendValue(row.CreatedAt).AppendValue(row.UpdatedAt)
                    .EndRow();
            }
        }

        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var format = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? "format parquet" : "format csv, header true";
        Execute($"copy well_production to '{temporary.Replace("'", "''", StringComparison.Ordinal)}' ({format})");
        File.Move(temporary, path, overwrite: true);
    }

    public void Dispose() => connection.Dispose();

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
