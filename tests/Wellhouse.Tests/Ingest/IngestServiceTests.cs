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
    public async Task Ingest_LeftoversOfAKilledIngestGo_FilesOfARunningOneStay()
    {
        using var running = System.Diagnostics.Process.Start("sleep", "60");
        using var gone = System.Diagnostics.Process.Start("true");
        await gone.WaitForExitAsync(TestContext.Current.CancellationToken);
        var killed = Path.Combine(_data.Incoming, $"{gone.Id}-0a1b.upload");
        var killedWal = Path.Combine(_data.Incoming, $"{gone.Id}-0a1b.duckdb.wal");
        var beforeProcessIds = Path.Combine(_data.Incoming, "0a1b.upload");
        var live = Path.Combine(_data.Incoming, $"{running.Id}-0a1b.upload");
        foreach (var file in new[] { killed, killedWal, beforeProcessIds, live })
        {
            await File.WriteAllTextAsync(file, "part of an upload", TestContext.Current.CancellationToken);
        }

        try
        {
            await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RawCsv.Rows(101, 2)));
            var outcome = await _service.IngestAsync(stream, UploadFormat.Csv, "a.csv", false, long.MaxValue, CancellationToken.None);

            Assert.Equal(IngestStatus.Accepted, outcome.Status);
            Assert.Equal([live], Directory.GetFiles(_data.Incoming));
            _store.Recover();
            Assert.Equal([live], Directory.GetFiles(_data.Incoming));
        }
        finally
        {
            running.Kill();
        }
    }

    [Theory]
    [InlineData("csv", "line 3: not valid UTF-8 (byte FF at byte ")]
    [InlineData("ndjson", "line 2: not valid UTF-8 (byte FF at byte ")]
    public async Task Ingest_BytesThatAreNotUtf8_AreRefusedNotReplaced(string formatName, string message)
    {
        var format = formatName == "csv" ? UploadFormat.Csv : UploadFormat.NdJson;
        var text = format == UploadFormat.Csv ? RawCsv.Rows(101, 2)
            : string.Join("\n", RawCsv.Rows(101, 2).Split('\n') is var lines ? lines.Skip(1).Select(line => System.Text.Json.JsonSerializer.Serialize(
                lines[0].Split(',').Zip(line.Split(',')).ToDictionary(pair => pair.First, pair => pair.Second))) : []);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text.Replace("Alpha A-1,2020-02-01", "Alpha A-\u00e91,2020-02-01")
            .Replace("Alpha A-1\",\"production_period\":\"2020-02-01", "Alpha A-\u00e91\",\"production_period\":\"2020-02-01"));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF; // é's first byte replaced: not UTF-8
        await using var stream = new MemoryStream(bytes);

        var outcome = await _service.IngestAsync(stream, format, "a", false, long.MaxValue, CancellationToken.None);

        Assert.Equal(IngestStatus.Malformed, outcome.Status);
        Assert.Contains(message, outcome.Message);
        Assert.Empty(_store.List());
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
