using DuckDB.NET.Data;
using Wellhouse.Serving;
using Wellhouse.Tests.Api;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// int_ml_trendlines_output's actual_rate read from stg_well_production (<see cref="ServeLookups"/>), on real DuckDB
/// tables shaped like the warehouse's (the producing-day rates computed as the view computes them, so the store derives
/// them too): the store keeps no values for it when every row equals the stream's rate of its well and period, and
/// reads back every row bit for bit, NULL for NULL, row by row and as a series; one different value, or a row
/// without its period in stg_well_production, keeps it stored, and the report names the row.
/// </summary>
public sealed class ServeLookupTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Build_EveryRowIsTheStreamsRate_ReadsActualRateFromStgWellProduction()
    {
        using var connection = Open();
        var (store, report) = Build(connection);

        var trendlines = store.Relation("int_ml_trendlines_output")!;
        var actual = trendlines["actual_rate"];
        Assert.NotNull(actual.Info.Lookup);
        Assert.Equal((-1L, -1L), (actual.Info.ValuesOffset, actual.Info.NullsOffset));
        Assert.DoesNotContain(report.Skipped, s => s.Contains("actual_rate", StringComparison.Ordinal));
        store.Verify();

        var expected = Values(connection);
        Assert.Equal(expected.Count, trendlines.Rows);
        Assert.Contains(expected, e => e.Rate is null);
        for (var row = 0; row < trendlines.Rows; row++)
        {
            var (well, stream, period, rate) = expected[row];
            Assert.Equal((well, stream, period), (trendlines.WellCodeAt(row), trendlines["stream"].String(row), trendlines["production_period"].Long(row)));
            Assert.Equal(rate is null, actual.IsNull(row));
            Assert.Equal(rate ?? 0, actual.Number(row) ?? 0);
            if (rate is { } value)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(actual.Double(row)));
            }
        }

        // As a series reads it: one well and stream, the rows' targets found in one pass.
        var (start, end) = trendlines.Range(2);
        var rows = Enumerable.Range(start, end - start).Where(row => trendlines["stream"].String(row) == "gas").ToArray();
        var table = SeriesTable.Rows(trendlines, rows);
        var column = table.Columns.Single(c => c.Name == "actual_rate");
        Assert.Equal(rows.Length, table.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(actual.IsNull(rows[i]), column.IsNull(i));
            Assert.Equal(actual.IsNull(rows[i]) ? 0 : actual.Double(rows[i]), column.IsNull(i) ? 0 : column.Double(i));
        }

        // Rows of two streams at once (no stream filter): each row from its own stream's column.
        var mixed = SeriesTable.Rows(trendlines, Enumerable.Range(start, end - start).ToArray()).Columns.Single(c => c.Name == "actual_rate");
        for (var row = start; row < end; row++)
        {
            Assert.Equal(actual.IsNull(row) ? (double?)null : actual.Double(row), mixed.IsNull(row - start) ? null : mixed.Double(row - start));
        }
    }

    [Fact]
    public void Build_OneValueDiffers_StoresActualRateAndSaysWhichRow()
    {
        using var connection = Open();
        using (var update = connection.CreateCommand())
        {
            update.CommandText = "update int_ml_trendlines_output set actual_rate = actual_rate + 1e-12 where well_code = 3 and stream = 'oil' and production_period = date '2020-01-06'";
            Assert.Equal(1, update.ExecuteNonQuery());
        }

        var (store, report) = Build(connection);

        var actual = store.Relation("int_ml_trendlines_output")!["actual_rate"];
        Assert.Null(actual.Info.Lookup);
        Assert.True(actual.Info.ValuesOffset > 0);
        Assert.Contains(report.Skipped, s => s.StartsWith("int_ml_trendlines_output.actual_rate stored: row", StringComparison.Ordinal)
            && s.Contains("(well 3)", StringComparison.Ordinal) && s.Contains("stg_well_production.oil_producing_rate_kbd", StringComparison.Ordinal));
        var expected = Values(connection);
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(expected[row].Rate, actual.IsNull(row) ? null : actual.Double(row));
        }
    }

    [Fact]
    public void Build_ARowWithoutItsPeriodInStgWellProduction_StoresActualRate()
    {
        using var connection = Open();
        Execute(connection, "delete from stg_well_production where well_code = 1 and production_period = date '2020-01-03'");
        var (store, report) = Build(connection);

        Assert.Null(store.Relation("int_ml_trendlines_output")!["actual_rate"].Info.Lookup);
        Assert.Contains(report.Skipped, s => s.StartsWith("int_ml_trendlines_output.actual_rate stored: row", StringComparison.Ordinal)
            && s.Contains("well 1 has no row of stg_well_production", StringComparison.Ordinal));
    }

    private (ServeStore Store, ServeBuildReport Report) Build(DuckDBConnection connection)
    {
        var path = Path.Combine(_temp.Path, Guid.NewGuid().ToString("N") + ".serve");
        var report = ServeStoreBuilder.Build(connection, "lookup-test", path);
        Assert.Contains("int_ml_trendlines_output", report.Relations);
        Assert.Contains("stg_well_production", report.Relations);
        return (ServeStore.Open(path, "lookup-test"), report);
    }

    /// <summary>The trendline rows in the store's order, with their actual_rate.</summary>
    private static List<(int Well, string Stream, long Period, double? Rate)> Values(DuckDBConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select well_code, stream, production_period, actual_rate from int_ml_trendlines_output order by well_code, stream, production_period";
        using var reader = command.ExecuteReader();
        var values = new List<(int, string, long, double?)>();
        while (reader.Read())
        {
            values.Add((reader.GetInt32(0), reader.GetString(1), DateOnly.FromDateTime(reader.GetDateTime(2)).DayNumber,
                reader.IsDBNull(3) ? null : reader.GetDouble(3)));
        }

        return values;
    }

    /// <summary>stg_well_production as the warehouse computes it (volumes, producing-day rates; a day without production
    /// has NULL rates), and the trendlines of the rows with a positive rate of the stream, plus one of the NULL ones.</summary>
    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            create table accepted as
            select w as well_code, 'day' as period_type, date '2020-01-01' + d::integer as production_period, 1 as period_days,
                case when d % 7 = 4 then 0 else 1 end as days_on_production,
                (w * 0.1 + d * 0.37)::double as oil_rate_kbd, (w * 1.3 + d / 7.0)::double as gas_rate_mmcfd,
                case when d = 2 then null else d * 0.011 end::double as water_rate_kbd
            from range(1, 5) as a(w), range(0, 40) as b(d)
            """);
        Execute(connection, """
            create table stg_well_production as
            with volumes as (
                select *, oil_rate_kbd * period_days as oil_volume_kbbl, gas_rate_mmcfd * period_days as gas_volume_mmcf,
                    water_rate_kbd * period_days as water_volume_kbbl
                from accepted)
            select *, oil_volume_kbbl / nullif(days_on_production, 0) as oil_producing_rate_kbd,
                gas_volume_mmcf / nullif(days_on_production, 0) as gas_producing_rate_mmcfd,
                water_volume_kbbl / nullif(days_on_production, 0) as water_producing_rate_kbd
            from volumes
            """);
        Execute(connection, """
            create table int_ml_trendlines_output as
            select p.well_code, s.stream, p.production_period,
                case s.stream when 'oil' then oil_producing_rate_kbd when 'gas' then gas_producing_rate_mmcfd else water_producing_rate_kbd end as actual_rate,
                (p.well_code + 0.5)::double as trend_rate, 0.25::double as residual_z, false as is_outlier
            from stg_well_production as p, (values ('oil'), ('gas'), ('water')) as s(stream)
            where case s.stream when 'oil' then oil_producing_rate_kbd when 'gas' then gas_producing_rate_mmcfd else water_producing_rate_kbd end > 0
                or (p.well_code = 2 and s.stream = 'gas' and p.days_on_production = 0)
            """);
        // The store counts int_ml_trendlines_output by ml_predictions_raw (ServeRelations.RowCounts).
        Execute(connection, "create table ml_predictions_raw as select well_code from int_ml_trendlines_output");
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
