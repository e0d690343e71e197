using Microsoft.Extensions.Logging.Abstractions;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Ingest;

public sealed class IngestServiceTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly DataDirectory _data;
    private readonly RawStore _store;
    private readonly IngestService _service;

    public IngestServiceTests()
    {
        _data = new DataDirectory(_temp.Path);
        _data.EnsureCreated();
        _store = new RawStore(_data);
        _service = new IngestService(_store, new DataSourceCatalog(Microsoft.Extensions.Options.Options.Create(new WellhouseOptions())),
            TimeProvider.System, NullLogger<IngestService>.Instance);
    }

    public void Dispose() => _temp.Dispose();

    /// <summary>A stream that fails after some bytes, as a connection cut mid-upload does.</summary>
    private sealed class CutOffStream(byte[] data, int failAfter) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= failAfter ? throw new IOException("connection reset") : base.ReadAsync(buffer[..Math.Min(buffer.Length, 16)], cancellationToken);
    }

    [Fact]
    public async Task Ingest_UploadCutOffMidStream_LeavesNoTrace()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(RawCsv.Rows(101, 12));
        await using var stream = new CutOffStream(bytes, bytes.Length / 2);

        await Assert.ThrowsAsync<IOException>(() => _service.IngestAsync(stream, UploadFormat.Csv, null, false, long.MaxValue, CancellationToken.None));

        Assert.Empty(_store.List());
        Assert.Empty(Directory.GetFiles(_data.Incoming));
        Assert.Empty(Directory.GetFiles(_data.Batches));
    }

    [Fact]
    public async Task Ingest_Accepted_WritesParquetInContractOrder()
    {
        await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RawCsv.Rows(101, 2)));

        var outcome = await _service.IngestAsync(stream, UploadFormat.Csv, "a.csv", false, long.MaxValue, CancellationToken.None);

        Assert.Equal(IngestStatus.Accepted, outcome.Status);
        using var connection = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"select string_agg(column_name, ',') from (describe select * from read_parquet('{_store.ParquetPath(outcome.Result!.Batch.Id)}'))";
        Assert.Equal(string.Join(',', RawProductionRow.Columns), command.ExecuteScalar());
    }

    [Fact]
    public void Recover_LeftoverTempFiles_AreDeleted()
    {
        File.WriteAllText(Path.Combine(_data.Incoming, "x.upload"), "half");
        File.WriteAllText(Path.Combine(_data.Batches, new string('b', 64) + ".json"), "{}");

        _store.Recover();

        Assert.Empty(Directory.GetFiles(_data.Incoming));
        Assert.Empty(Directory.GetFiles(_data.Batches));
    }
}
