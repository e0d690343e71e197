using Microsoft.Extensions.Options;
using Wellhouse.Generate;
using Wellhouse.Hosting;
using Wellhouse.Refresh;
using Wellhouse.Serving;
using Wellhouse.Tests.Api;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// A large relation is scanned in ranges of wells (one ordered query per range, so no sort passes the build's memory
/// cap); the store it gives answers exactly what one ordered scan of each relation gives (<see cref="ServeStoreEquality"/>):
/// every relation, well index, NULL and value, also for wells that int_wells does not list (a row without a well is not
/// served; the ranges are open at both ends). stg_well_production, stored in its scan's order by a full build, is read as
/// stored; out of that order, it is read again sorted, in ranges, and the store answers the same.
/// </summary>
public sealed class ServeStoreRangeScanTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task StoreScannedInWellRanges_AnswersAsOneScanPerRelation()
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, "data"));
        data.EnsureCreated();
        var batch = Path.Combine(data.Batches, "a.parquet");
        using (var writer = new RawRowWriter())
        {
            // 25 wells of 120 days, codes spread so that ranges fall between them, and a row without a well.
            writer.Write(Enumerable.Range(1, 25).SelectMany(well => Enumerable.Range(0, 120).Select(day => IncrementalRefreshTests.Day(well * 7, day)))
                .Concat([IncrementalRefreshTests.Day(7, 10) with { WellCode = null }]), batch);
        }

        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);
        var snapshot = Path.Combine(data.Snapshots, "s.duckdb");
        await IncrementalRefreshTests.BuildAsync(builder, new BuildRequest(snapshot, [batch], TextWriter.Null), TestContext.Current.CancellationToken);

        // A store built with ranges of about two wells' rows.
        ServeBuildReport BuildInRanges(string database, string serve)
        {
            var saved = ServeStoreBuilder.RangeRows;
            ServeStoreBuilder.RangeRows = 250;
            try
            {
                return ServeStoreLoader.Build(database, Path.Combine(_temp.Path, serve), "s");
            }
            finally
            {
                ServeStoreBuilder.RangeRows = saved;
            }
        }

        var whole = ServeStoreLoader.Build(snapshot, Path.Combine(_temp.Path, "whole.serve"), "s");
        var ranged = BuildInRanges(snapshot, "ranged.serve");

        Assert.DoesNotContain(whole.Steps, step => step.Contains("well ranges", StringComparison.Ordinal));
        Assert.Contains(whole.Steps, step => step.StartsWith("stg_well_production scan (3,000 rows in stored order)", StringComparison.Ordinal));
        Assert.Contains(ranged.Steps, step => step.StartsWith("stg_well_production scan (3,000 rows in stored order)", StringComparison.Ordinal));
        Assert.Contains(ranged.Steps, step => step.Contains("int_ml_trendlines_output scan", StringComparison.Ordinal) && step.Contains("well ranges", StringComparison.Ordinal));
        Assert.Equal(whole.Relations.Order(StringComparer.Ordinal), ranged.Relations.Order(StringComparer.Ordinal));
        var store = ServeStore.Open(Path.Combine(_temp.Path, "ranged.serve"), "s");
        Assert.Empty(ServeStoreEquality.Differences(store, ServeStore.Open(Path.Combine(_temp.Path, "whole.serve"), "s")));
        store.Verify();
        Assert.Equal(25, store.Relation("stg_well_production")!.Info.Wells);

        // The same snapshot with stg_well_production_accepted's rows stored out of order (the wells from the last, each
        // well's periods in order): read as stored until the first well that comes back, then sorted in ranges.
        var shuffled = Path.Combine(_temp.Path, "shuffled", "s.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(shuffled)!);
        File.Copy(snapshot, shuffled);
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={shuffled}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                set preserve_insertion_order = true;
                create table shuffled as select * from stg_well_production_accepted order by well_code desc, production_period;
                delete from stg_well_production_accepted;
                insert into stg_well_production_accepted select * from shuffled;
                drop table shuffled;
                """;
            command.ExecuteNonQuery();
        }

        var sorted = BuildInRanges(shuffled, "sorted.serve");

        Assert.Contains(sorted.Steps, step => step.StartsWith("stg_well_production scan (3,000 rows in 12 well ranges (not in stored order: sorted))", StringComparison.Ordinal));
        Assert.Empty(ServeStoreEquality.Differences(ServeStore.Open(Path.Combine(_temp.Path, "sorted.serve"), "s"), store));
    }
}
