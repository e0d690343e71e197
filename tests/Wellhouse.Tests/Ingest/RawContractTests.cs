using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Wellhouse.Generate;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Refresh;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Ingest;

/// <summary>
/// The raw contract against the warehouse's error-severity tests (issue 16, item 2). The raw store is append-only, so a
/// row that fails such a test blocks every later refresh: ingest refuses it with row, column and reason. The real
/// warehouse shows why each rule is there (the row written past ingest blocks the build) and that rows at the
/// contract's edges build and pass.
/// </summary>
public sealed class RawContractTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RawProductionRow Row(int month, double rate, int? fieldCode = 10) => new()
    {
        FieldCode = fieldCode,
        FieldName = "ALPHA",
        WellCode = 7,
        WellReference = "NO 1/1-A-7",
        WellName = "A-7",
        ProductionPeriod = new DateOnly(2020, 1, 1).AddMonths(month),
        DaysOnProduction = 28,
        OilProductionKbd = rate,
        GasProductionMmcfd = rate,
        LiquidsProductionKbd = rate,
        WaterProductionKbd = -rate / 10,
        DataSource = "upload_monthly",
        SourceData = "test",
        Partition0 = "2020",
        CreatedAt = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    private static IEnumerable<RawProductionRow> Declining(double first) => Enumerable.Range(0, 24).Select(month => Row(month, first * Math.Pow(0.93, month)));

    /// <summary>Builds the real warehouse on rows written straight into a batch file (past ingest's rules); the nodes that block its publish.</summary>
    private async Task<List<string>> BlockingNodesAsync(IEnumerable<RawProductionRow> rows)
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, Guid.NewGuid().ToString("N")));
        data.EnsureCreated();
        var batch = Path.Combine(data.Batches, "rows.parquet");
        using (var writer = new RawRowWriter())
        {
            writer.Write(rows, batch);
        }

        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);
        var outcome = await builder.BuildAsync(new BuildRequest(Path.Combine(data.Snapshots, "s.duckdb"), [batch], TextWriter.Null),
            TestContext.Current.CancellationToken);
        var blocking = outcome.Nodes.Where(node => node.BlocksPublish).Select(node => node.UniqueId).ToList();
        Assert.True(outcome.Succeeded == (blocking.Count == 0), outcome.Error);
        return blocking;
    }

    [Fact]
    public async Task Warehouse_RowsAtTheContractsEdges_BuildAndPassEveryErrorTest()
    {
        var rows = Declining(RawRowParser.MaxRate).Append(Row(24, -RawRowParser.MaxRate)).ToList();

        Assert.Empty(await BlockingNodesAsync(rows));
    }

    [Fact]
    public async Task Warehouse_RowsTheContractRefuses_BlockThePublish()
    {
        var noField = Declining(2).Select((row, i) => i == 23 ? row with { FieldCode = null } : row);
        var overflow = Declining(2).Append(Row(24, 1.7e308));

        Assert.Contains("test.wellhouse.assert_yearly_equals_sum_of_monthly", await BlockingNodesAsync(noField));
        Assert.NotEmpty(await BlockingNodesAsync(overflow));
    }

    [Theory]
    [InlineData("10,ALPHA,", ",ALPHA,", "field_code", "required")]
    [InlineData(",28,1.5,", ",28,1.7e308,", "oil_production_kbd", "beyond the limit of 1,000,000")]
    [InlineData(",28,1.5,0.3,", ",28,1.5,-1000000.5,", "gas_production_mmcfd", "beyond the limit")]
    public async Task Ingest_RowTheWarehouseWouldFailOn_Is422WithRowColumnAndReason(string find, string replace, string column, string reason)
    {
        using var factory = new WellhouseApiFactory();
        var lines = RawCsv.Rows(101, 3).Split('\n');
        lines[2] = lines[2].Replace(find, replace, StringComparison.Ordinal);

        var response = await factory.IngestCsvAsync(string.Join('\n', lines));
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("row").GetInt64());
        Assert.Equal(column, error.GetProperty("column").GetString());
        Assert.Contains(reason, error.GetProperty("reason").GetString());
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.DataDir, "raw", "batches")));
    }

    [Fact]
    public async Task Ingest_HeaderWithoutFieldCode_Is400()
    {
        using var factory = new WellhouseApiFactory();

        var response = await factory.IngestCsvAsync("well_code,production_period,data_source\n1,2020-01-01,upload_monthly\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("required column 'field_code' is missing", await response.Content.ReadAsStringAsync());
    }
}
