using Wellhouse.Cli;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.RealData;

/// <summary>
/// Issue 15, defect 7, on the data that showed it: North Dakota wells under a data source the warehouse's seed does not
/// list were accepted by ingest, then every row was rejected at refresh, which published an empty snapshot and exited 0.
/// </summary>
public sealed class UnknownDataSourceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ingest_NorthDakotaWellsOfAnUnknownSource_RefusesWithTheKnownSourcesAndHowToAddOne()
    {
        var file = Path.Combine(_temp.Path, "nd.csv");
        await File.WriteAllTextAsync(file, SharedRawData.NorthDakota(wells: 20, dataSource: "nd_vendor_monthly"));
        var dataDir = Path.Combine(_temp.Path, "data");
        var error = new StringWriter();

        var exit = await WellhouseCli.RunAsync(["ingest", file, "--data-dir", dataDir], new StringWriter(), error);

        Assert.Equal(1, exit);
        var text = error.ToString();
        Assert.Contains("nd.csv: row 1 (line 2), column data_source: unknown data source 'nd_vendor_monthly'", text);
        Assert.Contains("rows name an unknown data source", text);
        Assert.Contains("upload_monthly", text);
        Assert.Contains("volve_daily", text);
        Assert.Contains("warehouse/seeds/data_sources.csv", text);
        Assert.Empty(new RawStore(new DataDirectory(dataDir)).List());
    }

    [Fact]
    public async Task Ingest_NorthDakotaWellsOfAKnownSource_Accepts()
    {
        var file = Path.Combine(_temp.Path, "nd.csv");
        await File.WriteAllTextAsync(file, SharedRawData.NorthDakota(wells: 20, dataSource: "upload_monthly"));
        var output = new StringWriter();

        var exit = await WellhouseCli.RunAsync(["ingest", file, "--data-dir", Path.Combine(_temp.Path, "data")], output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains("accepted batch", output.ToString());
    }

    [Fact]
    public async Task Refresh_EveryRawRowRejected_FailsWithoutPublishingAndExitsNonZero()
    {
        // A raw store written before ingest checked sources (or whose source was since removed from the seed): the
        // batch goes into the store directly, as an older version's ingest left it.
        var data = new DataDirectory(Path.Combine(_temp.Path, "data"));
        data.EnsureCreated();
        var file = Path.Combine(_temp.Path, "nd.csv");
        await File.WriteAllTextAsync(file, SharedRawData.NorthDakota(wells: 20, dataSource: "nd_vendor_monthly"));
        var reader = new UploadReader(DateTime.UtcNow);
        using (var rows = new BatchWriter())
        {
            reader.Read(file, UploadFormat.Csv, rows);
            Assert.Equal(0, reader.InvalidRows);
            Assert.True(new RawStore(data).Commit(new BatchInfo
            {
                Id = new string('a', 64), ReceivedAt = DateTimeOffset.UtcNow, Format = "csv", Rows = rows.Count,
            }, rows));
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await WellhouseCli.RunAsync(["refresh", "--data-dir", data.Root], output, error);

        Assert.NotEqual(0, exit);
        Assert.Contains("assert_raw_rows_accepted", error.ToString());
        Assert.Contains(output.ToString().Split('\n'), line => line.StartsWith("fail", StringComparison.Ordinal) && line.Contains("assert_raw_rows_accepted", StringComparison.Ordinal));
        Assert.False(File.Exists(data.CurrentPointer), "a snapshot was published");
        Assert.Empty(Directory.GetFiles(data.Snapshots, "*.duckdb"));
    }
}
