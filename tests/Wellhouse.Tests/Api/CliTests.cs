using DuckDB.NET.Data;
using Wellhouse.Cli;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Api;

public sealed class IngestAndRefreshCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ingest_ValidCsv_AcceptsThenReportsDuplicate()
    {
        var file = Path.Combine(_temp.Path, "rows.csv");
        await File.WriteAllTextAsync(file, RawCsv.Rows(101, 2));
        var dataDir = Path.Combine(_temp.Path, "data");

        var output = new StringWriter();
        var first = await WellhouseCli.RunAsync(["ingest", file, "--data-dir", dataDir], output, new StringWriter());
        var second = await WellhouseCli.RunAsync(["ingest", file, "--data-dir", dataDir], output, new StringWriter());

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.Contains("accepted batch", output.ToString());
        Assert.Contains("already ingested", output.ToString());
        Assert.Single(Directory.GetFiles(Path.Combine(dataDir, "raw", "batches"), "*.parquet"));
    }

    [Fact]
    public async Task Ingest_InvalidRow_ExitsNonZeroWithRowAndColumn()
    {
        var file = Path.Combine(_temp.Path, "bad.csv");
        await File.WriteAllTextAsync(file, RawCsv.Rows(101, 2).Replace("2020-02-01", "2020-02-31"));
        var error = new StringWriter();

        var exit = await WellhouseCli.RunAsync(["ingest", file, "--data-dir", Path.Combine(_temp.Path, "data")], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("bad.csv: row 2 (line 3), column production_period", error.ToString());
    }

    [Fact]
    public async Task Batches_ListThenRetract_RemovesTheBatch()
    {
        var file = Path.Combine(_temp.Path, "rows.csv");
        await File.WriteAllTextAsync(file, RawCsv.Rows(101, 2));
        var dataDir = Path.Combine(_temp.Path, "data");
        Assert.Equal(0, await WellhouseCli.RunAsync(["ingest", file, "--data-dir", dataDir], new StringWriter(), new StringWriter()));
        var listed = new StringWriter();
        Assert.Equal(0, await WellhouseCli.RunAsync(["batches", "list", "--data-dir", dataDir], listed, new StringWriter()));
        var id = listed.ToString().Split(' ')[0];

        var output = new StringWriter();
        var error = new StringWriter();
        var retracted = await WellhouseCli.RunAsync(["batches", "retract", id, "--data-dir", dataDir], output, error);
        var again = await WellhouseCli.RunAsync(["batches", "retract", id, "--data-dir", dataDir], new StringWriter(), error);
        var notAnId = await WellhouseCli.RunAsync(["batches", "retract", "../x", "--data-dir", dataDir], new StringWriter(), error);
        var after = new StringWriter();
        await WellhouseCli.RunAsync(["batches", "list", "--data-dir", dataDir], after, new StringWriter());

        Assert.Matches("^[0-9a-f]{64}$", id);
        Assert.Contains("rows.csv", listed.ToString());
        Assert.Equal((0, 1, 2), (retracted, again, notAnId));
        Assert.Contains($"retracted batch {id} (2 rows)", output.ToString());
        Assert.Contains($"no batch {id}", error.ToString());
        Assert.Contains("'../x' is not a batch id", error.ToString());
        Assert.Equal(string.Empty, after.ToString());
    }

    [Fact]
    public async Task Ingest_MissingFile_ExitsNonZero()
    {
        var error = new StringWriter();

        var exit = await WellhouseCli.RunAsync(["ingest", Path.Combine(_temp.Path, "none.csv")], new StringWriter(), error);

        Assert.NotEqual(0, exit);
        Assert.Contains("no such file", error.ToString());
    }

    [Fact]
    public async Task Ingest_VolveFormat_ConvertsEquinorDailyCsvIntoOneBatch()
    {
        var dataDir = Path.Combine(_temp.Path, "data");
        var output = new StringWriter();

        var first = await WellhouseCli.RunAsync(["ingest", RepoPaths.VolveDaily, "--format", "volve", "--data-dir", dataDir], output, new StringWriter());
        var second = await WellhouseCli.RunAsync(["ingest", RepoPaths.VolveDaily, "--format", "volve", "--data-dir", dataDir], output, new StringWriter());

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.Contains("15634 rows", output.ToString());
        Assert.Contains("already ingested", output.ToString());
        var batch = Assert.Single(Directory.GetFiles(Path.Combine(dataDir, "raw", "batches"), "*.parquet"));
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        // Volve's field total oil is 10,037,081 Sm3; the raw contract holds it as kbd x 1 day = kbbl (x 6.289811 bbl/Sm3).
        command.CommandText = $"select sum(oil_production_kbd) * 1000 / 6.289811 from read_parquet('{batch.Replace("'", "''", StringComparison.Ordinal)}')";
        Assert.Equal(10_037_081, Convert.ToDouble(command.ExecuteScalar()), 0.5);
    }

    [Fact]
    public async Task Ingest_VolveFormatOnAFileOfAnotherShape_ExitsNonZeroAndStoresNothing()
    {
        var file = Path.Combine(_temp.Path, "rows.csv");
        await File.WriteAllTextAsync(file, RawCsv.Rows(101, 2));
        var dataDir = Path.Combine(_temp.Path, "data");
        var error = new StringWriter();

        var exit = await WellhouseCli.RunAsync(["ingest", file, "--format", "volve", "--data-dir", dataDir], new StringWriter(), error);

        Assert.Equal(1, exit);
        Assert.Contains("rows.csv", error.ToString());
        Assert.False(Directory.Exists(Path.Combine(dataDir, "raw", "batches")) && Directory.GetFiles(Path.Combine(dataDir, "raw", "batches")).Length > 0);
    }
}
