using Microsoft.Extensions.Options;
using Wellhouse.Hosting;
using Wellhouse.Generate;
using Wellhouse.Ingest;
using Wellhouse.Refresh;
using Wellhouse.Serving;
using Wellhouse.Tests.Api;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// The serving store of a snapshot built incrementally, built on its parent's store (the unchanged wells' rows copied,
/// the changed wells scanned), answers exactly what a store built from scratch of the same snapshot answers: every
/// relation, well index, NULL and value (<see cref="ServeStoreEquality"/>). The new raw batch has new days, late
/// corrections (one rejected; their later updated_at re-encodes that column), new wells, and a row without a well. The
/// parent's store is never written; a snapshot built whole, or a missing or foreign parent store, gets a full build,
/// and the report says why.
/// </summary>
public sealed class IncrementalServeStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task IncrementalStore_AnswersAsAStoreBuiltFromScratch_AndLeavesTheParentsUntouched()
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, "data"));
        data.EnsureCreated();
        var first = Path.Combine(data.Batches, "a.parquet");
        var second = Path.Combine(data.Batches, "b.parquet");
        var later = new DateTime(2022, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        using (var writer = new RawRowWriter())
        {
            // Wells 1-30, 400 days.
            writer.Write(Enumerable.Range(1, 30).SelectMany(well => Enumerable.Range(0, 400).Select(day => IncrementalRefreshTests.Day(well, day))), first);
            writer.Write(
                // New days for wells 1-4 (inside the data's as-of month: days into the next month would fit every well
                // again, since the fits read one more month; see MonthMoved_...); late corrections of wells 5 (halved) and 6 (rejected); new wells 300 and 301
                // (well codes past the parent's one-byte range); a row without a well. Wells 7-30 are untouched.
                Enumerable.Range(1, 4).SelectMany(well => Enumerable.Range(400, 10).Select(day => IncrementalRefreshTests.Day(well, day)))
                    .Concat(Enumerable.Range(100, 10).Select(day => IncrementalRefreshTests.Day(5, day, 0.5, later)))
                    .Concat([IncrementalRefreshTests.Day(6, 50, 1, later, daysOn: 3)])
                    .Concat(new[] { 300, 301 }.SelectMany(well => Enumerable.Range(0, 300).Select(day => IncrementalRefreshTests.Day(well, day))))
                    .Concat([IncrementalRefreshTests.Day(1, 10) with { WellCode = null }]),
                second);
        }

        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);
        var cancel = TestContext.Current.CancellationToken;
        string Snapshot(string id) => Path.Combine(data.Snapshots, id + ".duckdb");
        string Store(string id) => Path.Combine(data.Snapshots, id + ".serve");
        await IncrementalRefreshTests.BuildAsync(builder, new BuildRequest(Snapshot("parent"), [first], TextWriter.Null), cancel);
        var parentReport = ServeStoreLoader.Build(Snapshot("parent"), Store("parent"), "parent");
        Assert.Equal("full build", parentReport.Reuse);
        var parentHash = IncrementalRefreshTests.Hash(Store("parent"));
        var parentWritten = File.GetLastWriteTimeUtc(Store("parent"));
        await IncrementalRefreshTests.BuildAsync(builder, new BuildRequest(Snapshot("child"), [first, second], TextWriter.Null)
        {
            Plan = new RefreshPlan(RefreshModes.Incremental, "parent", "test"),
            ParentPath = Snapshot("parent"),
            NewRawBatchFiles = [second],
        }, cancel);

        var report = ServeStoreLoader.Build(Snapshot("child"), Store("child"), "child", new ServePrevious(Store("parent"), "parent"));
        var scratch = Path.Combine(_temp.Path, "scratch.serve");
        var full = ServeStoreLoader.Build(Snapshot("child"), scratch, "child");

        Assert.StartsWith("incremental on the store of parent: 8 changed well(s) scanned", report.Reuse);
        // The late corrections changed months before the as-of month: int_decline_forecast computed every well again
        // (the population forecast's priors moved), so its relations were scanned whole.
        Assert.Contains("; the forecast of 32 well(s) scanned", report.Reuse);
        Assert.Contains($"{ServeRelations.DeclineForecast} (32 of its wells to scan whole", report.Reuse);
        Assert.Equal(ServeRelations.PerWell.Where(name => name != ServeCumulative.Relation).Order(StringComparer.Ordinal),
            report.Reused.Order(StringComparer.Ordinal));
        Assert.Equal(full.Relations.Order(StringComparer.Ordinal), report.Relations.Order(StringComparer.Ordinal));
        var incremental = ServeStore.Open(Store("child"), "child");
        var scratchStore = ServeStore.Open(scratch, "child");
        Assert.Empty(ServeStoreEquality.Differences(incremental, scratchStore));
        incremental.Verify();
        AssertForecastIsTheViews(incremental, Snapshot("child"), 30);

        // What changed is there: the new days, the new wells, the rejected day gone; and the parent's store was only read.
        var production = incremental.Relation("stg_well_production")!;
        Assert.Equal(410, production.Range(1).End - production.Range(1).Start);
        Assert.Equal(399, production.Range(6).End - production.Range(6).Start);
        Assert.Equal(300, production.Range(301).End - production.Range(301).Start);
        Assert.Equal(400, production.Range(30).End - production.Range(30).Start);
        // updated_at was one value in the parent (one byte, step 1); the corrections' later one needed another step.
        var parentUpdated = ServeStore.Open(Store("parent"), "parent").Relation("stg_well_production")!["updated_at"].Info;
        var childUpdated = production["updated_at"].Info;
        Assert.Equal((1, 1L), (parentUpdated.Width, parentUpdated.Step));
        Assert.Equal(1, childUpdated.Width);
        Assert.Equal(TimeSpan.FromDays(151).Ticks, childUpdated.Step);
        Assert.True(production["well_code"].Info.WellIndex);
        Assert.Equal(parentHash, IncrementalRefreshTests.Hash(Store("parent")));
        Assert.Equal(parentWritten, File.GetLastWriteTimeUtc(Store("parent")));
        Assert.Empty(Directory.GetFiles(data.Snapshots, "*.tmp*"));

        // The equality check itself finds a difference: the parent's store does not answer as the child's.
        Assert.NotEmpty(ServeStoreEquality.Differences(ServeStore.Open(Store("parent"), "parent"), scratchStore));

        // A well whose rows changed without being listed as changed is caught by the row count, also where the count is
        // taken from a table under the view (int_ml_trendlines_output: ml_predictions_raw's rows, ServeRelations.RowCounts):
        // a copy of the child with a trendline row of the unchanged well 7 gone gets those relations scanned whole.
        // (The copy keeps the file's name: a snapshot's views name its catalog, the file's stem.)
        var tampered = Path.Combine(_temp.Path, "tampered", "child.duckdb");
        Directory.CreateDirectory(Path.GetDirectoryName(tampered)!);
        File.Copy(Snapshot("child"), tampered);
        using (var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={tampered}"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "delete from ml_predictions_raw where well_code = 7 and production_period = (select max(production_period) from ml_predictions_raw where well_code = 7)";
            Assert.True(delete.ExecuteNonQuery() > 0);
        }

        var caught = ServeStoreLoader.Build(tampered, Path.Combine(_temp.Path, "tampered", "child.serve"), "child", new ServePrevious(Store("child"), "child"));
        Assert.DoesNotContain("int_ml_trendlines_output", caught.Reused);
        Assert.Contains("int_ml_trendlines_output (", caught.Reuse);
        Assert.Contains("int_refresh_wells does not name every changed well", caught.Reuse);
        Assert.Contains("stg_well_production", caught.Reused);

        // No reuse, and why: a snapshot built whole (no refresh_wells), a missing parent store, another snapshot's store.
        var whole = ServeStoreLoader.Build(Snapshot("parent"), Path.Combine(_temp.Path, "whole.serve"), "parent", new ServePrevious(scratch, "child"));
        Assert.StartsWith("full build: the snapshot's int_refresh_wells cannot be read", whole.Reuse);
        Assert.Empty(whole.Reused);
        var missing = ServeStoreLoader.Build(Snapshot("child"), Path.Combine(_temp.Path, "missing.serve"), "child", new ServePrevious(Store("gone"), "gone"));
        Assert.Equal("full build: the parent's store gone.serve is missing", missing.Reuse);
        var foreign = ServeStoreLoader.Build(Snapshot("child"), Path.Combine(_temp.Path, "foreign.serve"), "child", new ServePrevious(Store("parent"), "other"));
        Assert.StartsWith("full build: the parent's store is not usable (built for snapshot parent", foreign.Reuse);
        Assert.Empty(ServeStoreEquality.Differences(ServeStore.Open(Path.Combine(_temp.Path, "foreign.serve"), "child"), scratchStore));
    }

    /// <summary>
    /// A day for every well (docs/warehouse.md, "New rows only"): the store copies each well's parent rows before its new
    /// rows and scans only the new ones (stg_well_production: 10 days x 30 wells), months from month_from, years from its
    /// year, and answers as a store built from scratch. A day well whose trendline rows ml_predictions_raw fitted again
    /// whole (here: its parent's stored rows were tampered with, a row of its last day gone and an earlier one doubled,
    /// so they did not match the input, and the row count stayed) is named in ml_predictions_raw_refits, and the store
    /// scans its trendline rows whole instead of copying the parent's (which a count check would not have caught).
    /// </summary>
    [Fact]
    public async Task DayForEveryWell_StoreScansOnlyTheNewRows_AndTheTrendlinesOfADayWellFittedAgainWhole()
    {
        var (report, log, child, scratch) = await BuildOnParentAsync(
            Enumerable.Range(1, 30).SelectMany(well => Enumerable.Range(0, 400).Select(day => IncrementalRefreshTests.Day(well, day))),
            Enumerable.Range(1, 30).SelectMany(well => Enumerable.Range(400, 10).Select(day => IncrementalRefreshTests.Day(well, day))),
            """
            delete from ml_predictions_raw where well_code = 7 and stream = 'oil' and production_period = date '2022-02-04';
            insert into ml_predictions_raw select * replace (trend_rate * 2 as trend_rate) from ml_predictions_raw
            where well_code = 7 and stream = 'oil' and production_period = date '2021-06-01';
            """);
        Assert.Contains("ml_predictions_raw: the stored rows of 1 day well(s) do not match int_ml_trendlines_input before their new rows (first: well 7)", log);

        Assert.StartsWith("incremental on the store of parent: 30 changed well(s) scanned (30 day well(s) from their new rows on)", report.Reuse);
        // int_wells and int_decline_fits (a row or two per well) are scanned whole when most of their wells changed.
        Assert.Equal([ServeRelations.DeclineForecastPoints, ServeRelations.DeclineForecast, "int_ml_trendlines_output", "mart_production_monthly", "mart_production_yearly", "mart_revenue", "stg_well_production"],
            report.Reused.Order(StringComparer.Ordinal));
        Assert.Contains("int_wells (30 of its wells to scan whole, more than half of the parent store's 30)", report.Reuse);
        Assert.Contains(report.Steps, line => line.StartsWith("stg_well_production merge (12,300 rows, 300 scanned)", StringComparison.Ordinal));
        // The month of the new days (February 2022) again, for each well; the year 2022's row.
        Assert.Contains(report.Steps, line => line.StartsWith("mart_production_monthly merge (", StringComparison.Ordinal) && line.Contains(", 30 scanned)", StringComparison.Ordinal));
        Assert.Contains(report.Steps, line => line.StartsWith("mart_production_yearly merge (60 rows, 30 scanned)", StringComparison.Ordinal));
        // Trendlines: the new points of 29 wells (10 days x 3 streams), and well 7's every point.
        var trendlineScanned = report.Steps.Single(line => line.StartsWith("int_ml_trendlines_output merge (", StringComparison.Ordinal));
        Assert.Contains($", {(29 * 10 * 3) + (410 * 3):N0} scanned)", trendlineScanned);

        // The forecast did not move with days inside the data's as-of month: int_decline_forecast kept every well's rows
        // (int_decline_forecast_refits is empty), so its rows and their producing-day rates were copied, none scanned;
        // mart_decline_forecast, computed from them and the cumulatives to date that the new days moved, is the view's.
        Assert.Contains(report.Steps, line => line.StartsWith($"{ServeRelations.DeclineForecast} merge (", StringComparison.Ordinal) && line.Contains(", 0 scanned)", StringComparison.Ordinal));
        Assert.Contains(report.Steps, line => line.StartsWith($"{ServeRelations.DeclineForecastPoints} merge (", StringComparison.Ordinal) && line.Contains(", 0 scanned)", StringComparison.Ordinal));
        Assert.EndsWith("; the forecast of 0 well(s) scanned", report.Reuse.Split("; reused in ")[0]);

        var incremental = ServeStore.Open(Path.ChangeExtension(child, ".serve"), "child");
        Assert.Empty(ServeStoreEquality.Differences(incremental, ServeStore.Open(scratch, "child")));
        incremental.Verify();
        AssertForecastIsTheViews(incremental, child, 30);
    }

    /// <summary>mart_decline_forecast computed by the store (<see cref="ServeViews.DeclineForecast"/>) is the view's, every
    /// well and stream, value for value (doubles bit for bit); the cumulative to date moved since the parent.</summary>
    internal static void AssertForecastIsTheViews(ServeStore store, string snapshot, int wells)
    {
        using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={snapshot};ACCESS_MODE=READ_ONLY");
        connection.Open();
        var compared = 0;
        foreach (var well in Enumerable.Range(1, wells))
        {
            foreach (var stream in new[] { "oil", "gas" })
            {
                var table = ServeViews.DeclineForecast(store, well, stream, null, null);
                Assert.NotNull(table);
                using var command = connection.CreateCommand();
                command.CommandText = $"select * from mart_decline_forecast where well_code = {well} and stream = '{stream}' order by month";
                using var reader = command.ExecuteReader();
                Assert.Equal(ServeViewCheck.DeclineForecastColumns, table.Columns.Select(c => c.Name));
                var row = 0;
                for (; reader.Read(); row++)
                {
                    Assert.True(row < table.Count, $"well {well} {stream}: the store has {table.Count} row(s), the view more");
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var column = table.Columns[i];
                        Assert.Equal(reader.IsDBNull(i), column.IsNull(row));
                        if (!reader.IsDBNull(i) && column.Kind == ServeKind.Double)
                        {
                            Assert.Equal(BitConverter.DoubleToInt64Bits(reader.GetDouble(i)), BitConverter.DoubleToInt64Bits(column.Double(row)));
                        }
                        else if (!reader.IsDBNull(i) && column.Kind == ServeKind.String)
                        {
                            Assert.Equal(reader.GetString(i), column.String(row));
                        }
                    }
                }

                Assert.Equal(row, table.Count);
                compared += row;
            }
        }

        Assert.True(compared > 0, "no forecast rows compared");
    }

    /// <summary>
    /// New days into the next month for 20 of 30 wells (a month-completing day, or a monthly feed's new month): the as-of
    /// month moves, so every well's fits and trendlines read one more month and are computed again, but every well stays
    /// a day well (wells 21-30 without new rows too): the store copies each well's staged rows and months from the
    /// parent's store and scans only the new rows, scans the trendlines whole, and answers as a store built from scratch.
    /// </summary>
    [Fact]
    public async Task MonthMoved_StoreKeepsEveryWellsStagedRows_AndScansTheTrendlinesWhole()
    {
        // 400 days to 2022-02-04 (as-of month February); 30 new days to 2022-03-06 (as-of month March).
        var (report, log, child, scratch) = await BuildOnParentAsync(
            Enumerable.Range(1, 30).SelectMany(well => Enumerable.Range(0, 400).Select(day => IncrementalRefreshTests.Day(well, day))),
            Enumerable.Range(1, 20).SelectMany(well => Enumerable.Range(400, 30).Select(day => IncrementalRefreshTests.Day(well, day))));
        Assert.Contains("30 well(s) to recompute (30 of them from their new rows on)", log);

        Assert.StartsWith("incremental on the store of parent: 30 changed well(s) scanned (30 day well(s) from their new rows on)", report.Reuse);
        Assert.Contains(report.Steps, line => line.StartsWith("stg_well_production merge (12,600 rows, 600 scanned)", StringComparison.Ordinal));
        Assert.Contains("stg_well_production", report.Reused);
        Assert.DoesNotContain("int_ml_trendlines_output", report.Reused);
        var incremental = ServeStore.Open(Path.ChangeExtension(child, ".serve"), "child");
        Assert.Empty(ServeStoreEquality.Differences(incremental, ServeStore.Open(scratch, "child")));
        incremental.Verify();
    }

    /// <summary>
    /// Builds the snapshot "parent" of <paramref name="parentRows"/> (then runs <paramref name="tamperParent"/> on it, when
    /// given) and its store from scratch, then the snapshot "child" of both batches incrementally on it (<paramref
    /// name="newRows"/> the new batch), the child's store on the parent's, and a store of the child from scratch.
    /// Returns the child store's report, the child build's log, the child snapshot's path and the scratch store's path
    /// (the child's store lies beside its snapshot).
    /// </summary>
    private async Task<(ServeBuildReport Report, string Log, string Child, string Scratch)> BuildOnParentAsync(
        IEnumerable<RawProductionRow> parentRows, IEnumerable<RawProductionRow> newRows, string? tamperParent = null)
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, "data"));
        data.EnsureCreated();
        var first = Path.Combine(data.Batches, "a.parquet");
        var second = Path.Combine(data.Batches, "b.parquet");
        using (var writer = new RawRowWriter())
        {
            writer.Write(parentRows, first);
            writer.Write(newRows, second);
        }

        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);
        var cancel = TestContext.Current.CancellationToken;
        string Snapshot(string id) => Path.Combine(data.Snapshots, id + ".duckdb");
        string Store(string id) => Path.Combine(data.Snapshots, id + ".serve");
        await IncrementalRefreshTests.BuildAsync(builder, new BuildRequest(Snapshot("parent"), [first], TextWriter.Null), cancel);
        if (tamperParent is not null)
        {
            using var connection = new DuckDB.NET.Data.DuckDBConnection($"Data Source={Snapshot("parent")}");
            connection.Open();
            using var tamper = connection.CreateCommand();
            tamper.CommandText = tamperParent;
            tamper.ExecuteNonQuery();
        }

        Assert.Equal("full build", ServeStoreLoader.Build(Snapshot("parent"), Store("parent"), "parent").Reuse);
        var log = new StringWriter();
        await IncrementalRefreshTests.BuildAsync(builder, new BuildRequest(Snapshot("child"), [first, second], log)
        {
            Plan = new RefreshPlan(RefreshModes.Incremental, "parent", "test"),
            ParentPath = Snapshot("parent"),
            NewRawBatchFiles = [second],
        }, cancel);

        var report = ServeStoreLoader.Build(Snapshot("child"), Store("child"), "child", new ServePrevious(Store("parent"), "parent"));
        var scratch = Path.Combine(_temp.Path, "scratch.serve");
        ServeStoreLoader.Build(Snapshot("child"), scratch, "child");
        return (report, log.ToString(), Snapshot("child"), scratch);
    }
}
