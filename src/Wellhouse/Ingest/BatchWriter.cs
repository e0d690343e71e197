using DuckDB.NET.Data;

namespace Wellhouse.Ingest;

/// <summary>
/// Collects the valid rows of one upload in an in-memory DuckDB table (through the appender, so large uploads stream)
/// and writes them as one Parquet file in the raw contract's column order and types (docs/domain.md).
/// </summary>
internal sealed class BatchWriter : IDisposable
{
    /// <summary>The raw contract as DuckDB column definitions, in contract order.</summary>
    public const string TableDefinition = """
        field_code INTEGER, field_name VARCHAR, well_code INTEGER, well_reference VARCHAR, well_name VARCHAR,
        production_period DATE, days_on_production DOUBLE, oil_production_kbd DOUBLE, gas_production_mmcfd DOUBLE,
        liquids_production_kbd DOUBLE, water_production_kbd DOUBLE, data_source VARCHAR, source_data VARCHAR,
        partition_0 VARCHAR, created_at TIMESTAMP, updated_at TIMESTAMP
        """;

    private readonly DuckDBConnection _connection;
    private DuckDBAppender? _appender;

    public BatchWriter()
    {
        _connection = new DuckDBConnection("Data Source=:memory:");
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = $"create table batch ({TableDefinition})";
        command.ExecuteNonQuery();
        _appender = _connection.CreateAppender("batch");
    }

    public long Count { get; private set; }

    public void Append(RawProductionRow row)
    {
        var target = _appender ?? throw new InvalidOperationException("The batch is already written.");
        target.CreateRow()
            .AppendValue(row.FieldCode)
            .AppendValue(row.FieldName)
            .AppendValue(row.WellCode)
            .AppendValue(row.WellReference)
            .AppendValue(row.WellName)
            .AppendValue((DateOnly?)row.ProductionPeriod)
            .AppendValue(row.DaysOnProduction)
            .AppendValue(row.OilProductionKbd)
            .AppendValue(row.GasProductionMmcfd)
            .AppendValue(row.LiquidsProductionKbd)
            .AppendValue(row.WaterProductionKbd)
            .AppendValue(row.DataSource)
            .AppendValue(row.SourceData)
            .AppendValue(row.Partition0)
            .AppendValue((DateTime?)row.CreatedAt)
            .AppendValue((DateTime?)row.UpdatedAt)
            .EndRow();
        Count++;
    }

    /// <summary>Writes the rows to <paramref name="path"/> as Parquet (the caller fsyncs and renames it into place).</summary>
    public void WriteParquet(string path)
    {
        _appender?.Dispose();
        _appender = null;
        using var command = _connection.CreateCommand();
        command.CommandText = $"copy (select * from batch order by well_code, production_period) to {SqlText.Literal(path)} (format parquet, compression zstd)";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _appender?.Dispose();
        _connection.Dispose();
    }
}
