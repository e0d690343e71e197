using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using Wellhouse.Generate;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Refresh;

namespace Wellhouse.Tests.Api;

/// <summary>The real builder: warehouse/ built by the engine into a snapshot file from the raw store's batches.</summary>
public sealed class DbtWarehouseBuilderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static IEnumerable<RawProductionRow> DailyRows(int wellCode) =>
        Enumerable.Range(0, 60).Select(day => new RawProductionRow
        {
            FieldCode = 10,
            FieldName = "ALPHA",
            WellCode = wellCode,
            WellReference = $"NO 1/1-A-{wellCode}",
            WellName = $"A-{wellCode}",
            ProductionPeriod = new DateOnly(2020, 1, 1).AddDays(day),
            DaysOnProduction = 1,
            OilProductionKbd = 5 * Math.Exp(-0.01 * day),
            GasProductionMmcfd = 1,
            LiquidsProductionKbd = 5 * Math.Exp(-0.01 * day),
            WaterProductionKbd = 0.1,
            DataSource = "volve_daily",
            SourceData = "test",
            Partition0 = "2020",
            CreatedAt = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });

    [Fact]
    public async Task Build_ReadsOnlyTheBatchesOfTheRequest_NotOnesThatArrivedLater()
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, "data"));
        data.EnsureCreated();
        var listed = Path.Combine(data.Batches, "listed.parquet");
        var later = Path.Combine(data.Batches, "later.parquet");
        using (var writer = new RawRowWriter())
        {
            writer.Write(DailyRows(101), listed);
            writer.Write(DailyRows(202), later);
        }

        var snapshot = Path.Combine(data.Snapshots, "s1.duckdb");
        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);

        var outcome = await builder.BuildAsync(new BuildRequest(snapshot, [listed], TextWriter.Null), TestContext.Current.CancellationToken);

        Assert.True(outcome.Succeeded, outcome.Error);
        using var connection = new DuckDBConnection($"Data Source={snapshot};ACCESS_MODE=READ_ONLY");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select list(distinct well_code order by well_code)::varchar from stg_well_production";
        Assert.Equal("[101]", command.ExecuteScalar());
    }
}
