using DuckDB.NET.Data;

namespace Wellhouse.Ingest;

/// <summary>
/// Collects the valid rows of one upload in a DuckDB table (through the appender, so large uploads stream) and writes
/// them as one Parquet file in the raw contract's column order and types (docs/domain.md). Given a database path
/// (ingest passes one in raw/incoming), the table lives in that file under a memory limit, so an upload's rows cost
/// disk rather than memory (in memory, 5 M rows took the server to 1.6 GiB); without one, in memory. The file is
/// deleted on dispose.
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

    /// <summary>DuckDB's memory for an upload's table kept on disk (it spills beyond it).</summary>
    private const string MemoryLimit = "256MB";

    private readonly DuckDBConnection _connection;
    private readonly string? _databasePath;
    private DuckDBAppender? _appender;
    private ParquetBulk? _bulk;
    private string? _bulkFile;

    public BatchWriter(string? databasePath = null)
    {
        _databasePath = databasePath;
        _connection = new DuckDBConnection($"Data Source={databasePath ?? ":memory:"}");
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = (databasePath is null ? string.Empty : $"set memory_limit = '{MemoryLimit}'; ")
            + $"create table batch ({TableDefinition})";
        command.ExecuteNonQuery();
        _appender = _connection.CreateAppender("batch");
    }

    public long Count { get; private set; }

    /// <summary>
    /// Takes every row of the checked Parquet file <paramref name="file"/> as the whole batch (the bulk path:
    /// <see cref="ParquetBulkCheck"/>); <see cref="WriteParquet"/> then copies the file itself when it is in the raw
    /// store's form already, else its rows by SQL (sorted unless they are in order: DuckDB's COPY keeps a query's order).
    /// The file must stay until then.
    /// </summary>
    public void AppendAll(ParquetBulk bulk, string file, long rows)
    {
        if (Count != 0 || _bulk is not null)
        {
            throw new InvalidOperationException("A bulk batch is the whole batch.");
        }

        _bulk = bulk;
        _bulkFile = file;
        Count = rows;
    }

    public void Append(RawProductionRow row)
    {
        var target = _appender ?? throw new InvalidOperationException("The batch is already written.");
        if (_bulk is not null)
        {
            throw new InvalidOperationException("A bulk batch is the whole batch.");
        }

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
        if (_bulk is { ContractForm: true })
        {
            File.Copy(_bulkFile!, path, overwrite: true);
            return;
        }

        var rows = _bulk is null ? "select * from batch order by well_code, production_period"
            : _bulk.Sorted ? _bulk.Select : $"select * from ({_bulk.Select}) order by well_code, production_period";
        command.CommandText = $"copy ({rows}) to {SqlText.Literal(path)} (format parquet, compression zstd)";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _appender?.Dispose();
        _connection.Dispose();
        if (_databasePath is not null)
        {
            File.Delete(_databasePath);
            File.Delete(_databasePath + ".wal");
            if (Directory.Exists(_databasePath + ".tmp"))
            {
                Directory.Delete(_databasePath + ".tmp", recursive: true);
            }
        }
    }
}
