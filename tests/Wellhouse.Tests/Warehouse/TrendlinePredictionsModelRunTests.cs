using DuckDB.NET.Data;
using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// <see cref="TrendlinePredictionsModel.ExecuteAsync"/> on a real DuckDB file: an input view of 150 wells x 60 days (more
/// batches than writers, so several writers append), with zero, NULL and weighted rates; int_well_status gives the
/// wells an as-of date in February (its days are scored causally), but wells 9, 19, ... none (every day fitted).
/// </summary>
public sealed class TrendlinePredictionsModelRunTests : IAsyncLifetime
{
    private const string Input = """
        create view main.int_ml_trendlines_input as
        select
            cast(w as integer) as well_code,
            cast(date '2020-01-01' + cast(d as integer) as date) as production_period,
            case when d % 7 = 3 then 0 else 10 * exp(-0.01 * d) * (1 + 0.05 * sin(w * 13 + d * 7)) end as oil_producing_rate_kbd,
            case when w % 5 = 0 then null else 2 * exp(-0.02 * d) * (1 + 0.1 * cos(w + d * 3)) end as gas_producing_rate_mmcfd,
            cast(case when d < 20 then 0 when w = 7 and d = 40 then 30 else 0.5 + (d / 100) end as double) as water_producing_rate_kbd,
            cast(case when d % 11 = 0 then 0.5 when d % 13 = 0 then null else 1 end as double) as uptime_weight
        from range(1, 151) as wells(w), range(0, 60) as days(d)
        """;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "wellhouse-trendline-" + Guid.NewGuid().ToString("N"));
    private DuckDBConnection connection = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        connection = new DuckDBConnection($"Data Source={Path.Combine(directory, "ci.duckdb")}");
        await connection.OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ExecuteAsync_PositiveRatesOfEveryStream_WritesOneRowEach()
    {
        await ExecuteAsync(Input);

        var expected = await ScalarAsync("""
            select cast(sum((oil_producing_rate_kbd > 0)::int + coalesce((gas_producing_rate_mmcfd > 0)::int, 0) + (water_producing_rate_kbd > 0)::int) as bigint)
            from main.int_ml_trendlines_input
            """);
        Assert.Equal(expected, await ScalarAsync("select count(*) from main.ml_predictions_raw"));
        Assert.Equal(0L, await ScalarAsync("select count(*) from (select well_code, stream, production_period from main.ml_predictions_raw group by all having count(*) > 1)"));
        Assert.Equal(0L, await ScalarAsync("select count(*) from main.ml_predictions_raw where well_code % 5 = 0 and stream = 'gas'"));
        Assert.Equal(120L * 3, await ScalarAsync("select count(distinct (well_code, stream)) from main.ml_predictions_raw where well_code % 5 <> 0"));
        Assert.Equal("ENUM('oil', 'gas', 'water')", await ScalarAsync("select data_type from information_schema.columns where table_name = 'ml_predictions_raw' and column_name = 'stream'"));
    }

    [Theory]
    [InlineData(7, "oil", 2)]
    [InlineData(7, "water", 4)]
    [InlineData(149, "gas", 3)]
    [InlineData(148, "gas", 3)]
    public async Task ExecuteAsync_OneSeries_WritesItsFitExactly(int wellCode, string stream, int rateColumn)
    {
        await ExecuteAsync(Input);
        var series = new WellSeries(wellCode, stream, monthly: false);
        foreach (var row in await RowsAsync($"select * from main.int_ml_trendlines_input where well_code = {wellCode} order by production_period"))
        {
            if (row[rateColumn] is double rate && rate > 0)
            {
                series.Add((DateOnly)row[1]!, rate, row[5] as double? ?? 1, 1);
            }
        }

        // February, the as-of month, scored causally; well 149 has no as-of date.
        var (_, trend, sigma, z) = TrendlinePredictionsModel.Fit(series, minSigma: 0.1, wellCode % 10 == 9 ? null : new DateOnly(2020, 2, 1));
        // The actual rate and the z-score as the view int_ml_trendlines_output joins and computes them.
        var written = await RowsAsync($"""
            select production_period, actual_rate, trend_rate, residual_sigma,
                case when residual_sigma > 0 then (ln(actual_rate) - ln(trend_rate)) / residual_sigma else 0 end
            from (
                select p.*, case p.stream when 'oil' then i.oil_producing_rate_kbd when 'gas' then i.gas_producing_rate_mmcfd
                    else i.water_producing_rate_kbd end as actual_rate
                from main.ml_predictions_raw as p
                inner join main.int_ml_trendlines_input as i on p.well_code = i.well_code and p.production_period = i.production_period)
            where well_code = {wellCode} and stream = '{stream}' order by production_period
            """);

        Assert.Equal(series.Periods, written.Select(row => (DateOnly)row[0]!));
        Assert.Equal(series.Rates, written.Select(row => (double)row[1]!));
        Assert.Equal(trend, written.Select(row => (double)row[2]!));
        Assert.All(written, row => Assert.Equal(sigma, (double)row[3]!));
        Assert.Equal(z.Length, written.Count);
        Assert.All(z.Zip(written), pair => Assert.Equal(pair.First, (double)pair.Second[4]!, 1e-12));
    }

    [Fact]
    public async Task ExecuteAsync_IncrementalDayWells_AppendTheRowsOfAFullBuild()
    {
        // 60 wells x 100 days (2020-01-01..04-09; the as-of month April); the parent holds the days before 04-05. Well 11's
        // water flows every fifth day (9 points in the 45 days read before the new rows: read again from its start), well
        // 12's water starts on the first new day (no point before it), well 13's new rows start in March (fitted again
        // whole: they reach before the as-of month), well 14 is recomputed whole (new_from NULL), and one stored row of
        // well 15 is missing (its rows do not match its input: fitted again whole, with a warning).
        var rows = """
            create or replace table main.input_rows as
            select
                cast(w as integer) as well_code,
                cast(date '2020-01-01' + cast(d as integer) as date) as production_period,
                case when d % 9 = 4 then 0 else 10 * exp(-0.01 * d) * (1 + 0.05 * sin(w * 13 + d * 7)) end as oil_producing_rate_kbd,
                case when w % 5 = 0 then null else 2 * exp(-0.02 * d) * (1 + 0.1 * cos(w + d * 3)) * (case when d = 97 then 3 else 1 end) end as gas_producing_rate_mmcfd,
                cast(case when w = 11 and d % 5 <> 0 then 0 when w = 12 and d < 95 then 0 else 0.5 + (d / 100) + 0.02 * sin(w + d) end as double) as water_producing_rate_kbd,
                cast(case when d % 11 = 0 then 0.5 when d % 13 = 0 then null else 1 end as double) as uptime_weight
            from range(1, 61) as wells(w), range(0, 100) as days(d)
            order by all
            """;
        await ScalarAsync(rows);
        await ExecuteAsync("create or replace view main.int_ml_trendlines_input as select * from main.input_rows where production_period < date '2020-04-05'", asOf: "2020-04-05");
        await ScalarAsync("delete from main.ml_predictions_raw where well_code = 15 and stream = 'oil' and production_period = date '2020-03-20'");
        await ScalarAsync("""
            create or replace table main.int_refresh_wells as
            select cast(w as integer) as well_code,
                case when w = 14 then null when w = 13 then date '2020-03-25' else date '2020-04-05' end as new_from,
                cast(null as date) as month_from
            from range(1, 61) as wells(w)
            """);
        var log = new List<string>();
        await ExecuteAsync("create or replace view main.int_ml_trendlines_input as select * from main.input_rows", log.Add, asOf: "2020-04-10", incremental: true);
        await ScalarAsync("create or replace table main.incremental as select * from main.ml_predictions_raw");
        await ScalarAsync("drop table main.ml_predictions_raw");
        await ExecuteAsync("select 1", asOf: "2020-04-10");

        Assert.Equal(["ml_predictions_raw: the stored rows of 1 day well(s) do not match int_ml_trendlines_input before their new rows (first: well 15); fitting them again whole"], log);
        Assert.Equal(
            await ScalarAsync("select count(*) from main.ml_predictions_raw"),
            await ScalarAsync("select count(*) from main.incremental"));
        Assert.Equal(0L, await ScalarAsync("select count(*) from (from main.ml_predictions_raw except all from main.incremental)"));
        Assert.Equal(0L, await ScalarAsync("select count(*) from (from main.incremental except all from main.ml_predictions_raw)"));
        // The day wells' rows before their new ones are the parent's (kept, not written again): before the appended rows.
        Assert.True((long)(await ScalarAsync("select max(rowid) from main.incremental where well_code = 1 and production_period < date '2020-04-05'"))!
            < (long)(await ScalarAsync("select min(rowid) from main.incremental where well_code = 1 and production_period >= date '2020-04-05'"))!);
        // The tripled gas day (04-07) stands out of the trend it did not shape.
        Assert.True((double)(await ScalarAsync("""
            select min(ln(i.gas_producing_rate_mmcfd) - ln(p.trend_rate)) / min(p.residual_sigma)
            from main.incremental as p inner join main.input_rows as i on p.well_code = i.well_code and p.production_period = i.production_period
            where p.stream = 'gas' and p.production_period = date '2020-04-07' and p.well_code % 10 <> 9
            """))! > 3);
    }

    [Fact]
    public async Task ExecuteAsync_TargetWithoutInsertionOrder_LeavesNoFreeBlocks()
    {
        // As the ci and prod targets set it; 1,000 wells x 400 days, three streams: 1.2 M rows, ten row groups.
        await ScalarAsync("set preserve_insertion_order = false");
        await ExecuteAsync(Input.Replace("range(1, 151)", "range(1, 1001)", StringComparison.Ordinal)
            .Replace("range(0, 60)", "range(0, 400)", StringComparison.Ordinal)
            .Replace("when w % 5 = 0 then null", "when false then null", StringComparison.Ordinal)
            .Replace("when d < 20 then 0 when w = 7 and d = 40 then 30", "when false then 0", StringComparison.Ordinal)
            .Replace("when d % 7 = 3 then 0", "when false then 0", StringComparison.Ordinal), asOf: "2021-02-04");
        await ScalarAsync("checkpoint");

        Assert.Equal(1_200_000L, await ScalarAsync("select count(*) from main.ml_predictions_raw"));
        Assert.Equal(0L, await ScalarAsync("select free_blocks from pragma_database_size() where database_name = current_database()"));
    }

    [Fact]
    public async Task ExecuteAsync_InputFailsWhileWritersWait_ThrowsTheInputErrorAndReleasesTheTable()
    {
        var failing = Input.Replace(
            "cast(case when d % 11 = 0",
            "cast(case when w = 140 and d = 59 then error('bad row of well 140') when d % 11 = 0",
            StringComparison.Ordinal);

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(failing));

        Assert.IsNotAssignableFrom<OperationCanceledException>(exception);
        Assert.Contains("bad row of well 140", exception.Message, StringComparison.Ordinal);
        await ScalarAsync("drop table main.ml_predictions_raw");
    }

    [Fact]
    public async Task ExecuteAsync_InputStoredInWellOrderOrNot_WritesTheSameRows()
    {
        // The input view over a table, as over stg_well_production_accepted in a build: stored in well and period order
        // (read as stored), then the same rows stored by day first (read as stored, found out of order on the second
        // row, and read again sorted).
        var rows = Input.Replace("create view main.int_ml_trendlines_input as", "create table main.input_rows as", StringComparison.Ordinal);
        const string View = "create view main.int_ml_trendlines_input as select * from main.input_rows";
        var inOrder = new List<string>();
        await ExecuteAsync($"{rows} order by well_code, production_period; {View}", inOrder.Add);
        await ScalarAsync("create table main.written_in_order as select * from main.ml_predictions_raw");
        await ScalarAsync("drop view main.int_ml_trendlines_input; drop table main.input_rows; drop table main.ml_predictions_raw");
        var outOfOrder = new List<string>();
        await ExecuteAsync($"{rows} order by production_period, well_code; {View}", outOfOrder.Add);

        Assert.Empty(inOrder);
        Assert.Equal(["ml_predictions_raw: int_ml_trendlines_input's rows are not stored in well order; reading them sorted"], outOfOrder);
        Assert.Equal(
            await ScalarAsync("""
                select cast(sum((oil_producing_rate_kbd > 0)::int + coalesce((gas_producing_rate_mmcfd > 0)::int, 0) + (water_producing_rate_kbd > 0)::int) as bigint)
                from main.int_ml_trendlines_input
                """),
            await ScalarAsync("select count(*) from main.ml_predictions_raw"));
        Assert.Equal(0L, await ScalarAsync("select count(*) from (from main.ml_predictions_raw except all from main.written_in_order)"));
        Assert.Equal(0L, await ScalarAsync("select count(*) from (from main.written_in_order except all from main.ml_predictions_raw)"));
    }

    private async Task ExecuteAsync(string input, Action<string>? log = null, string asOf = "2020-02-20", bool incremental = false)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = input;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await ScalarAsync($"""
            create or replace table main.int_well_status as
            select well_code, case when well_code % 10 <> 9 then date '{asOf}' end as data_as_of_date
            from (select distinct well_code from main.int_ml_trendlines_input)
            """);
        await new TrendlinePredictionsModel().ExecuteAsync(
            WarehouseModelContext.For(connection, "ml_predictions_raw",
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["trendline_min_sigma"] = 0.1, ["incremental_refresh"] = incremental }, log,
                incremental),
            TestContext.Current.CancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql) => (await RowsAsync(sql)).FirstOrDefault()?[0];

    private async Task<List<object?[]>> RowsAsync(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
