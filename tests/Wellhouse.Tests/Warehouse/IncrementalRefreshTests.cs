using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using Wellhouse.Generate;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Refresh;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// An incremental refresh (the snapshot started from its parent, the changed wells recomputed) equals a full build of
/// the same raw data: every table and view of the warehouse, EXCEPT ALL both ways, doubles compared as 4-byte floats
/// (sums may add in another order). The new batch has new days, late corrections (a newer updated_at for old days, one
/// of them rejected so the period leaves the warehouse), new wells and a row without a well; some wells are untouched.
/// </summary>
public sealed class IncrementalRefreshTests : IDisposable
{
    private static readonly DateOnly Start = new(2021, 1, 1);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    internal static RawProductionRow Day(int well, int day, double scale = 1, DateTime? updated = null, double daysOn = 1) => new()
    {
        FieldCode = well % 2 == 0 ? 10 : 20,
        FieldName = well % 2 == 0 ? "ALPHA" : "BETA",
        WellCode = well,
        WellReference = $"NO 1/1-A-{well}",
        WellName = $"A-{well}",
        ProductionPeriod = Start.AddDays(day),
        DaysOnProduction = day % 17 == 3 ? 0.5 * daysOn : daysOn,
        OilProductionKbd = scale * (2 + well) * Math.Exp(-0.004 * day) * (1 + (0.08 * Math.Sin((day * 0.7) + well))),
        GasProductionMmcfd = scale * (1 + (0.1 * well)) * Math.Exp(-0.003 * day) * (1 + (0.05 * Math.Cos(day + well))),
        LiquidsProductionKbd = scale * (2.2 + well) * Math.Exp(-0.004 * day),
        WaterProductionKbd = 0.1 + (0.001 * day),
        DataSource = "upload_daily",
        SourceData = "test",
        Partition0 = "2021",
        CreatedAt = new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        UpdatedAt = updated ?? new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    /// <summary>New days inside the data's as-of month (10 days: day wells keep their rows, fits among them), or into
    /// the next month (30 days: the as-of month moves and the fits read one more month, so every well of the data source
    /// is fitted again; the day wells, and the wells without new rows, keep their staged rows and marts).</summary>
    [Theory]
    [InlineData(10, 10, 5, 5)]
    [InlineData(30, 12, 7, 12)]
    public async Task Incremental_EqualsAFullBuildOfTheSameRawData(int newDays, int recomputed, int dayWells, int historiesRead)
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, "data"));
        data.EnsureCreated();
        var first = Path.Combine(data.Batches, "a.parquet");
        var second = Path.Combine(data.Batches, "b.parquet");
        var later = new DateTime(2022, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        using (var writer = new RawRowWriter())
        {
            // Wells 1-10, 400 days; well 8's last day has days on production out of range (rejected).
            writer.Write(Enumerable.Range(1, 10).SelectMany(well => Enumerable.Range(0, 400)
                .Select(day => well == 8 && day == 399 ? Day(well, day, daysOn: 3) : Day(well, day))), first);
            writer.Write(
                // New days for wells 1-4 (day wells: only new periods, after the reported span; days 400-409 are
                // 2022-02-05..14, inside the as-of month).
                Enumerable.Range(1, 4).SelectMany(well => Enumerable.Range(400, newDays).Select(day => Day(well, day)))
                    // A new day for well 7 in two versions (a day well: its new rows rank among themselves); new days
                    // for well 8, whose rejected last day lies at the end of its span (recomputed whole).
                    .Concat([Day(7, 400), Day(7, 400, 0.9, later)])
                    .Concat(Enumerable.Range(400, 3).Select(day => Day(8, day)))
                    // Late corrections: well 5's days 100-109 halved; well 6's day 50 with days on production out of
                    // range (rejected: the day leaves the warehouse, the older version is superseded).
                    .Concat(Enumerable.Range(100, 10).Select(day => Day(5, day, 0.5, later)))
                    .Concat([Day(6, 50, 1, later, daysOn: 3)])
                    // New wells 21 and 22, and a row without a well. Wells 9 and 10 are untouched.
                    .Concat(new[] { 21, 22 }.SelectMany(well => Enumerable.Range(0, 300).Select(day => Day(well, day))))
                    .Concat([Day(1, 10) with { WellCode = null }]),
                second);
        }

        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);
        var parent = Path.Combine(data.Snapshots, "parent.duckdb");
        var incremental = Path.Combine(data.Snapshots, "incremental.duckdb");
        var full = Path.Combine(data.Snapshots, "full.duckdb");
        var cancel = TestContext.Current.CancellationToken;
        await BuildAsync(builder, new BuildRequest(parent, [first], TextWriter.Null), cancel);
        var parentHash = Hash(parent);
        var log = new StringWriter();
        await BuildAsync(builder, new BuildRequest(incremental, [first, second], log)
        {
            Plan = new RefreshPlan(RefreshModes.Incremental, "parent", "test"),
            ParentPath = parent,
            NewRawBatchFiles = [second],
        }, cancel);
        await BuildAsync(builder, new BuildRequest(full, [first, second], TextWriter.Null), cancel);

        // Wells 1-8, 21 and 22; wells 1-4 and 7 from their new rows on. Or, when the as-of month moves, every well: wells
        // 9 and 10 (without new rows) too, as day wells.
        Assert.Contains($"{recomputed} well(s) to recompute ({dayWells} of them from their new rows on)", log.ToString());
        // The tables the build replaces whole (9: materialized tables and seeds, from the parent's manifest) were dropped
        // from the copy, so their blocks are free for the build instead of growing the file.
        Assert.Contains("9 table(s) to rebuild dropped", log.ToString());
        // int_population_forecast fitted again only the states whose history changed; the rest came from the parent's
        // int_population_forecast_states (compared below with the full build's like every table).
        // It read the staged periods of the wells recomputed whole only (the day wells' months before the as-of month
        // did not change); the others' monthly histories were the parent's int_population_forecast_histories (the table
        // too is compared below with the full build's).
        Assert.Matches($@"int_population_forecast: histories of {historiesRead} of 12 well\(s\) read from the staged periods, the others kept; [1-9][0-9,]* anchor state\(s\) reused, [0-9,]+ computed", log.ToString());
        // The key test of ml_predictions_raw reads the recomputed wells only when incremental, every row when full.
        string KeyTest(string run) => File.ReadAllText(Directory.GetFiles(Path.Combine(data.Runs, run, "compiled"),
            "unique_combination_ml_predicti_*.sql", SearchOption.AllDirectories).Single());
        Assert.Contains("int_refresh_wells", KeyTest("incremental"));
        Assert.DoesNotContain("int_refresh_wells", KeyTest("full"));
        Assert.Equal(parentHash, Hash(parent));
        using var connection = new DuckDBConnection($"Data Source={full};ACCESS_MODE=READ_ONLY");
        connection.Open();
        Execute(connection, $"attach '{incremental}' as incremental (read_only)");
        var relations = Strings(connection, """
            select table_name from duckdb_tables() where database_name = 'full' and schema_name = 'main'
            union all
            select view_name from duckdb_views() where database_name = 'full' and schema_name = 'main' and not internal
            order by 1
            """);
        Assert.Contains("mart_well_summary", relations);
        Assert.Contains("int_decline_fits", relations);
        Assert.Contains("int_population_forecast_states", relations);
        Assert.Contains("int_population_forecast_histories", relations);
        Assert.Contains("ml_predictions_raw", relations);
        Assert.Equal(
            Strings(connection, "select 1 from duckdb_tables() where database_name = 'incremental' and table_name = 'stg_well_production_accepted'"),
            ["1"]);
        // int_refresh_wells differs by design: the wells this refresh recomputed (none in a full build).
        Assert.Equal(recomputed, Count(connection, "select count(*) from \"incremental\".main.int_refresh_wells"));
        Assert.Equal(dayWells, Count(connection, "select count(*) from \"incremental\".main.int_refresh_wells where new_from is not null"));
        AssertRelationsEqual(connection, relations);

        // Each incremental model kept the untouched wells' rows of the parent and appended the recomputed wells' rows
        // after them (a whole rebuild writes in well order, or in no order): well 5 (recomputed whole) comes after well
        // 10 (untouched; or, when the as-of month moved, a day well without new rows, whose marts are recomputed from its
        // month_from on, and whose fits are computed again like every well's).
        var moved = newDays == 30;
        const string keptMonths = "month < coalesce((select month_from from \"incremental\".main.int_refresh_wells where well_code = 10), date '9999-12-31')";
        var keptRows = new Dictionary<string, string>
        {
            ["stg_well_production_accepted"] = "true",
            ["int_wells"] = "true",
            ["int_well_totals"] = "true",
            ["mart_production_monthly"] = keptMonths,
            ["mart_revenue"] = keptMonths,
            ["mart_production_yearly"] = "year < coalesce((select year(month_from) from \"incremental\".main.int_refresh_wells where well_code = 10), 9999)",
        };
        if (!moved)
        {
            keptRows["int_decline_fits"] = "true";
            keptRows["ml_predictions_raw"] = "true";
        }

        foreach (var (model, condition) in keptRows)
        {
            Assert.True(
                Count(connection, $"select min(rowid) from \"incremental\".main.{model} where well_code = 5")
                    > Count(connection, $"select max(rowid) from \"incremental\".main.{model} where well_code = 10 and {condition}"),
                $"{model} was rebuilt, not appended to");
        }

        // A day well (1) kept its fits when the as-of month stayed (a day inside it changes no fitted month): its rows lie
        // before the rows this build appended (well 5's, recomputed whole), not after them. When it moved, every fit read
        // one more month (the relations' equality with the full build above says they did).
        if (!moved)
        {
            Assert.Equal(2, Count(connection, "select count(*) from \"incremental\".main.int_decline_fits where well_code = 1 and rowid < (select min(rowid) from \"incremental\".main.int_decline_fits where well_code = 5)"));
        }

        // The rejected correction took well 6's day 50 out of the warehouse; well 5's corrected days are halved.
        Assert.Equal(0, Count(connection, $"select count(*) from \"incremental\".main.stg_well_production where well_code = 6 and production_period = date '{Start.AddDays(50):yyyy-MM-dd}'"));
        Assert.Equal(2, Count(connection, "select count(*) from \"incremental\".main.stg_well_production_rejects where well_code = 6"));
        Assert.Equal(1, Count(connection, "select count(*) from \"incremental\".main.stg_well_production_rejects where well_code is null"));
    }

    /// <summary>
    /// A day for every well (a production feed): every well a day well. The population models read the months before
    /// the as-of month, so a day inside it (the parent's last day 2022-02-04) changes none of their inputs and the
    /// parent's rows are kept; a day that starts a month after a parent whose data ended on the month's last day (as of
    /// 2022-03-01, forecast from March) moves the first forecast month to April: the forecast is computed again, from
    /// the kept histories, and the hindcast (which reads no forecast month) is kept. Either way every relation equals a
    /// full build of the same raw data.
    /// </summary>
    [Theory]
    [InlineData(400, true, "2022-03-01")]
    [InlineData(424, false, "2022-04-01")]
    public async Task DayForEveryWell_PopulationModelsKeepTheParentsRowsUnlessTheFirstForecastMonthMoves(int days, bool forecastKept, string firstMonth)
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, "data"));
        data.EnsureCreated();
        var first = Path.Combine(data.Batches, "a.parquet");
        var second = Path.Combine(data.Batches, "b.parquet");
        using (var writer = new RawRowWriter())
        {
            writer.Write(Enumerable.Range(1, 12).SelectMany(well => Enumerable.Range(0, days).Select(day => Day(well, day))), first);
            writer.Write(Enumerable.Range(1, 12).Select(well => Day(well, days)), second);
        }

        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);
        var parent = Path.Combine(data.Snapshots, "parent.duckdb");
        var incremental = Path.Combine(data.Snapshots, "incremental.duckdb");
        var full = Path.Combine(data.Snapshots, "full.duckdb");
        var cancel = TestContext.Current.CancellationToken;
        await BuildAsync(builder, new BuildRequest(parent, [first], TextWriter.Null), cancel);
        var log = new StringWriter();
        await BuildAsync(builder, new BuildRequest(incremental, [first, second], log)
        {
            Plan = new RefreshPlan(RefreshModes.Incremental, "parent", "test"),
            ParentPath = parent,
            NewRawBatchFiles = [second],
        }, cancel);
        await BuildAsync(builder, new BuildRequest(full, [first, second], TextWriter.Null), cancel);

        Assert.Contains("12 well(s) to recompute (12 of them from their new rows on)", log.ToString());
        Assert.Contains("mart_decline_hindcast: the parent's rows kept", log.ToString());
        if (forecastKept)
        {
            Assert.Contains("int_population_forecast: the parent's rows, states and histories kept", log.ToString());
        }
        else
        {
            Assert.DoesNotContain("int_population_forecast: the parent's rows", log.ToString());
            Assert.Contains("int_population_forecast: histories of 0 of 12 well(s) read from the staged periods, the others kept", log.ToString());
        }

        using var connection = new DuckDBConnection($"Data Source={full};ACCESS_MODE=READ_ONLY");
        connection.Open();
        Execute(connection, $"attach '{incremental}' as incremental (read_only)");
        // mart_production_daily's key test read the rows this build wrote: the new day of each well (12), not 12 wells'
        // whole histories; the monthly rule likewise the months from the new day's month.
        var keyTest = Directory.GetFiles(Path.Combine(data.Runs, "incremental", "compiled"), "unique_combination_mart_produc_*.sql",
            SearchOption.AllDirectories).Select(File.ReadAllText).Single(sql => sql.Contains("mart_production_daily", StringComparison.Ordinal));
        Assert.Contains("production_period >= (select min(new_from) from int_refresh_wells)", keyTest);
        Assert.Equal(12, Count(connection, """
            select count(*) from "incremental".main.mart_production_daily
            where well_code in (select well_code from "incremental".main.int_refresh_wells where new_from is null)
                or production_period >= (select min(new_from) from "incremental".main.int_refresh_wells)
            """));
        Assert.Contains("min(month_from)", File.ReadAllText(Directory.GetFiles(Path.Combine(data.Runs, "incremental", "compiled"),
            "assert_monthly_equals_sum_of_daily.sql", SearchOption.AllDirectories).Single()));

        // The population forecasts wells (not only reasons), from the first forecast month.
        Assert.True(Count(connection, "select count(*) from \"incremental\".main.int_population_forecast where month is not null") > 0);
        Assert.Equal([firstMonth], Strings(connection, "select distinct strftime(min(month), '%Y-%m-%d') from \"incremental\".main.int_population_forecast"));
        AssertRelationsEqual(connection, Strings(connection, """
            select table_name from duckdb_tables() where database_name = 'full' and schema_name = 'main'
            union all
            select view_name from duckdb_views() where database_name = 'full' and schema_name = 'main' and not internal
            order by 1
            """));

        // int_decline_forecast kept the parent's rows where none of its inputs changed (the same rows at the same row
        // ids: not written again), and forecast every well again where the first forecast month moved; its view
        // mart_decline_forecast, equal to the full build's above, added the cumulative to date that the new day moved.
        Execute(connection, $"attach '{parent}' as parent (read_only)");
        var rewritten = Count(connection, """
            select count(*) from (
                select rowid, * from "incremental".main.int_decline_forecast
                except all
                select rowid, * from parent.main.int_decline_forecast)
            """);
        Assert.True(forecastKept ? rewritten == 0 : rewritten == Count(connection, "select count(*) from \"incremental\".main.int_decline_forecast"),
            $"{rewritten} row(s) of int_decline_forecast written");
        Assert.True(Count(connection, "select count(*) from \"incremental\".main.int_decline_forecast") > 0);
        // The wells whose forecast rows the build computed, which the model's second pre-hook lists (macro
        // decline_forecast_refits): none when it kept the rows, every well when the first forecast month moved; a full
        // build leaves no such table. The forecast's error test read only those wells' rows (the others passed in the parent).
        Assert.Equal(forecastKept ? 0 : 12, Count(connection, "select count(*) from \"incremental\".main.int_decline_forecast_refits"));
        Assert.Equal(0, Count(connection, "select count(*) from duckdb_tables() where database_name = 'full' and table_name = 'int_decline_forecast_refits'"));
        string OrderTest(string run) => File.ReadAllText(Directory.GetFiles(Path.Combine(data.Runs, run, "compiled"),
            "assert_forecast_percentiles_ordered.sql", SearchOption.AllDirectories).Single());
        Assert.Contains("where well_code in (select well_code from int_decline_forecast_refits)", OrderTest("incremental"));
        Assert.DoesNotContain("select well_code from int_decline_forecast_refits", OrderTest("full"));
        // Its key test likewise (a duplicate lies within one well).
        string ForecastKeyTest(string run) => Directory.GetFiles(Path.Combine(data.Runs, run, "compiled"), "unique_combination_int_decline_*.sql",
            SearchOption.AllDirectories).Select(File.ReadAllText).Single(sql => sql.Contains("int_decline_forecast", StringComparison.Ordinal)
                && !sql.Contains("int_decline_fits", StringComparison.Ordinal));
        Assert.Contains("well_code in (select well_code from int_decline_forecast_refits)", ForecastKeyTest("incremental"));
        Assert.DoesNotContain("int_decline_forecast_refits", ForecastKeyTest("full"));
        // int_well_totals continued each day well's kept totals with its new day.
        Assert.Equal(0, Count(connection, """
            select count(*) from "incremental".main.int_well_totals as totals
            inner join parent.main.int_well_totals as before
                on totals.well_code = before.well_code
            where totals.producing_days <> before.producing_days + 1
            """));
    }

    [Fact]
    public async Task KilledIncrementalRefresh_LeavesTheServedSnapshotAndTheRawStoreIntact()
    {
        var dataDir = Path.Combine(_temp.Path, "data");
        var first = Path.Combine(_temp.Path, "a.parquet");
        var second = Path.Combine(_temp.Path, "b.parquet");
        using (var writer = new RawRowWriter())
        {
            writer.Write(Enumerable.Range(1, 6).SelectMany(well => Enumerable.Range(0, 300).Select(day => Day(well, day))), first);
            // New days for 2 of the 6 wells, inside the as-of month (into the next month, every well's fits would read
            // one more month).
            writer.Write(Enumerable.Range(1, 2).SelectMany(well => Enumerable.Range(300, 3).Select(day => Day(well, day))), second);
        }

        var cancel = TestContext.Current.CancellationToken;
        Assert.Equal(0, (await RunCliAsync(cancel, "ingest", first, "--format", "parquet", "--data-dir", dataDir)).ExitCode);
        var published = await RunCliAsync(cancel, "refresh", "--data-dir", dataDir);
        Assert.True(published.ExitCode == 0, published.Output);
        var currentPointer = Path.Combine(dataDir, "snapshots", "current");
        var servedId = File.ReadAllText(currentPointer).Trim();
        var served = Path.Combine(dataDir, "snapshots", servedId + ".duckdb");
        var servedHash = Hash(served);
        Assert.Equal(0, (await RunCliAsync(cancel, "ingest", second, "--format", "parquet", "--data-dir", dataDir)).ExitCode);
        var batches = Directory.GetFiles(Path.Combine(dataDir, "raw", "batches")).Order(StringComparer.Ordinal).ToDictionary(path => path, Hash);

        // Killed while the incremental build runs: once the copy of the parent is made and its changed wells deleted.
        using (var refresh = StartCli("refresh", "--data-dir", dataDir))
        {
            var runs = Path.Combine(dataDir, "runs");
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Directory.GetFiles(runs, "*.log").Any(log => ReadShared(log).Contains("well(s) to recompute", StringComparison.Ordinal)))
            {
                Assert.False(refresh.HasExited, "the refresh ended before it could be killed");
                Assert.True(DateTime.UtcNow < deadline, "the incremental build never started");
                await Task.Delay(20, cancel);
            }

            refresh.Kill(entireProcessTree: true);
            await refresh.WaitForExitAsync(cancel);
        }

        Assert.Equal(servedId, File.ReadAllText(currentPointer).Trim());
        Assert.Equal(servedHash, Hash(served));
        Assert.Equal(batches, Directory.GetFiles(Path.Combine(dataDir, "raw", "batches")).Order(StringComparer.Ordinal).ToDictionary(path => path, Hash));
        Assert.Equal([servedId + ".json"], Directory.GetFiles(Path.Combine(dataDir, "snapshots"), "*.json").Select(Path.GetFileName));

        // The next refresh builds on the same parent and publishes.
        var next = await RunCliAsync(cancel, "refresh", "--data-dir", dataDir);
        Assert.True(next.ExitCode == 0, next.Output);
        Assert.Contains("(incremental: 1 new raw batch(es) since snapshot " + servedId, next.Output);
        Assert.NotEqual(servedId, File.ReadAllText(currentPointer).Trim());
    }

    [Fact]
    public async Task ADayForEveryWell_BuildsIncrementally_ButCorrectionsOfMostWellsBuildFull()
    {
        var dataDir = Path.Combine(_temp.Path, "data");
        var first = Path.Combine(_temp.Path, "a.parquet");
        var day = Path.Combine(_temp.Path, "b.parquet");
        var corrections = Path.Combine(_temp.Path, "c.parquet");
        using (var writer = new RawRowWriter())
        {
            writer.Write(Enumerable.Range(1, 6).SelectMany(well => Enumerable.Range(0, 300).Select(d => Day(well, d))), first);
            // A new day for every well (day 300: 2021-10-28, inside the as-of month).
            writer.Write(Enumerable.Range(1, 6).Select(well => Day(well, 300)), day);
            // Late corrections of 4 of the 6 wells.
            writer.Write(Enumerable.Range(1, 4).Select(well => Day(well, 100, 0.5, new DateTime(2022, 6, 1, 0, 0, 0, DateTimeKind.Utc))), corrections);
        }

        var cancel = TestContext.Current.CancellationToken;
        async Task<string> RefreshAsync(string batch)
        {
            Assert.Equal(0, (await RunCliAsync(cancel, "ingest", batch, "--format", "parquet", "--data-dir", dataDir)).ExitCode);
            var refresh = await RunCliAsync(cancel, "refresh", "--data-dir", dataDir);
            Assert.True(refresh.ExitCode == 0, refresh.Output);
            var log = Directory.GetFiles(Path.Combine(dataDir, "runs"), "*.log").OrderByDescending(File.GetLastWriteTimeUtc).First();
            return refresh.Output + File.ReadAllText(log);
        }

        Assert.Contains("(full: no published snapshot to build on)", await RefreshAsync(first));
        // Every well changed, but only by a day after its history: day wells, so incremental.
        var everyWell = await RefreshAsync(day);
        Assert.Contains("(incremental: 1 new raw batch(es) since snapshot", everyWell);
        Assert.Contains("6 well(s) to recompute (6 of them from their new rows on)", everyWell);
        // Corrections of old days are recomputed whole: 4 of 6 wells, so full.
        Assert.Contains("4 of 6 wells to recompute whole since snapshot", await RefreshAsync(corrections));
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The wellhouse command line as a child process (the application's dll beside the tests).</summary>
    private static System.Diagnostics.Process StartCli(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "wellhouse.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return System.Diagnostics.Process.Start(start)!;
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var process = StartCli(args);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>Every relation but int_refresh_wells (the wells this refresh recomputed: none in a full build) holds the
    /// same rows in the attached "full" and "incremental" databases: EXCEPT ALL both ways, doubles as 4-byte floats.</summary>
    private static void AssertRelationsEqual(DuckDBConnection connection, List<string> relations)
    {
        foreach (var relation in relations.Where(name => name != "int_refresh_wells"))
        {
            var columns = Strings(connection, $"""
                select case
                    when data_type = 'DOUBLE' then '"' || column_name || '"::float'
                    when data_type = 'DOUBLE[]' then '"' || column_name || '"::float[]'
                    else '"' || column_name || '"' end
                from duckdb_columns() where database_name = 'full' and schema_name = 'main' and table_name = '{relation}'
                order by column_index
                """);
            var select = string.Join(", ", columns);
            var fullRows = Count(connection, $"select count(*) from \"full\".main.\"{relation}\"");
            var incrementalRows = Count(connection, $"select count(*) from \"incremental\".main.\"{relation}\"");
            var missing = Count(connection, $"select count(*) from (select {select} from \"full\".main.\"{relation}\" except all select {select} from \"incremental\".main.\"{relation}\")");
            var extra = Count(connection, $"select count(*) from (select {select} from \"incremental\".main.\"{relation}\" except all select {select} from \"full\".main.\"{relation}\")");
            Assert.True(fullRows == incrementalRows && missing == 0 && extra == 0,
                $"{relation}: {fullRows} rows in the full build, {incrementalRows} incrementally; {missing} missing, {extra} extra");
        }
    }

    internal static async Task BuildAsync(DbtWarehouseBuilder builder, BuildRequest request, CancellationToken cancellationToken)
    {
        var log = new StringWriter();
        var outcome = await builder.BuildAsync(request with { Log = TextWriter.Synchronized(new TeeWriter(log, request.Log)) }, cancellationToken);
        Assert.True(outcome.Succeeded, outcome.Error + "\n" + log);
        Assert.DoesNotContain(outcome.Nodes, node => node.BlocksPublish);
    }

    internal static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Strings(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return values;
    }

    /// <summary>Writes to two writers.</summary>
    private sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void Write(string? value)
        {
            first.Write(value);
            second.Write(value);
        }

        public override void WriteLine(string? value)
        {
            first.WriteLine(value);
            second.WriteLine(value);
        }
    }
}
