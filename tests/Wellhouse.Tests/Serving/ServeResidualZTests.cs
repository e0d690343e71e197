using DuckDB.NET.Data;
using Microsoft.Extensions.Options;
using Wellhouse.Generate;
using Wellhouse.Hosting;
using Wellhouse.Refresh;
using Wellhouse.Serving;
using Wellhouse.Tests.Api;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// int_ml_trendlines_output's residual_z computed when read (<see cref="ServeDerivedOp.LogResidualZ"/>) from the actual
/// rate, the trend and the series' residual_sigma, which the store keeps run-encoded (one value per well and stream,
/// <see cref="RunWriter"/>): on the warehouse's build of generated daily wells every row reads back bit for bit the
/// view's value, the store is smaller by what residual_z held, and a store of the view without residual_sigma stores
/// residual_z as before. On DuckDB tables with the view's SQL: zero, NULL, NaN and negative scales and NULL rates give
/// the view's values; one value that is not the computation keeps the column stored, and the report names the row.
/// </summary>
public sealed class ServeResidualZTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task GeneratedDailyWells_ResidualZDerived_ResidualSigmaRunEncoded_StoreSmallerByResidualZ()
    {
        var data = new DataDirectory(Path.Combine(_temp.Path, "data"));
        data.EnsureCreated();
        var generated = Path.Combine(_temp.Path, "generated");
        GeneratedDataset.Write(new SyntheticWellOptions(Wells: 12, Days: 500, Monthly: false, Seed: 5, Start: new DateOnly(2019, 1, 1)), generated, parquet: true);
        var builder = new DbtWarehouseBuilder(Options.Create(new WellhouseOptions()), data);
        var snapshot = Path.Combine(data.Snapshots, "s.duckdb");
        await IncrementalRefreshTests.BuildAsync(builder,
            new BuildRequest(snapshot, Directory.GetFiles(generated, "*.parquet"), TextWriter.Null), TestContext.Current.CancellationToken);

        var path = Path.Combine(_temp.Path, "s.serve");
        var report = ServeStoreLoader.Build(snapshot, path, "s");
        Assert.DoesNotContain(report.Skipped, s => s.Contains("residual", StringComparison.Ordinal));
        var store = ServeStore.Open(path, "s");
        store.Verify();
        var trendlines = store.Relation("int_ml_trendlines_output")!;
        var z = trendlines["residual_z"];
        Assert.Equal(new ServeDerivation(ServeDerivedOp.LogResidualZ, "actual_rate", "trend_rate", "residual_sigma"), z.Derivation);
        Assert.Equal((-1L, -1L), (z.Info.ValuesOffset, z.Info.NullsOffset));
        var sigma = trendlines["residual_sigma"].Info;
        Assert.NotNull(sigma.RunsOffset);

        // Every row as the view computes it, one by one and as the series read them (one well and stream at a time).
        using var connection = new DuckDBConnection(ServeStoreLoader.ConnectionString(snapshot));
        connection.Open();
        var expected = Rows(connection, "select well_code, stream, residual_z, residual_sigma from int_ml_trendlines_output order by well_code, stream, production_period");
        Assert.Equal(expected.Count, trendlines.Rows);
        var series = expected.Select(e => (e.Well, e.Stream)).Distinct().Count();
        Assert.InRange(sigma.RunCount, 1, series);
        Assert.True(series >= 24, $"{series} series");
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(expected[row].Z is null, z.IsNull(row));
            Assert.Equal(Bits(expected[row].Z), Bits(z.Number(row)));
            Assert.Equal(Bits(expected[row].Sigma), Bits(trendlines["residual_sigma"].Number(row)));
        }

        foreach (var well in expected.Select(e => e.Well).Distinct())
        {
            var (start, end) = trendlines.Range(well);
            foreach (var stream in new[] { "oil", "gas", "water" })
            {
                var rows = Enumerable.Range(start, end - start).Where(row => trendlines["stream"].String(row) == stream).ToArray();
                var values = new double[rows.Length];
                var nulls = new bool[rows.Length];
                Assert.True(new StoredColumn(z, rows).Numbers(values, nulls) || rows.Length == 0);
                for (var i = 0; i < rows.Length; i++)
                {
                    Assert.Equal(Bits(expected[rows[i]].Z), nulls[i] ? Bits(null) : Bits(values[i]));
                }
            }
        }

        // The view as it was (no residual_sigma): residual_z stored, 8 bytes a row, and nothing else changes.
        // (The same file name: the views name the database by it.)
        Directory.CreateDirectory(Path.Combine(_temp.Path, "old"));
        var old = Path.Combine(_temp.Path, "old", "s.duckdb");
        File.Copy(snapshot, old);
        using (var oldConnection = new DuckDBConnection($"Data Source={old}"))
        {
            oldConnection.Open();
            Execute(oldConnection, "alter view int_ml_trendlines_output rename to int_ml_trendlines_output_whole");
            Execute(oldConnection, "create view int_ml_trendlines_output as select * exclude (residual_sigma) from int_ml_trendlines_output_whole");
        }

        var oldReport = ServeStoreLoader.Build(old, Path.Combine(_temp.Path, "old.serve"), "s");
        Assert.Contains(oldReport.Skipped, s => s.StartsWith("int_ml_trendlines_output.residual_z stored: no column residual_sigma", StringComparison.Ordinal));
        var oldStore = ServeStore.Open(Path.Combine(_temp.Path, "old.serve"), "s");
        var stored = oldStore.Relation("int_ml_trendlines_output")!["residual_z"];
        Assert.Null(stored.Derivation);
        Assert.Equal(8, stored.Info.Width);
        Assert.Null(stored.Info.RunsOffset);
        Assert.Null(oldStore.Relation("int_ml_trendlines_output")!.Column("residual_sigma"));
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(Bits(stored.Number(row)), Bits(z.Number(row)));
        }

        // Smaller by residual_z's 8 bytes a row (and its null bitmap), less residual_sigma's runs (8 + 4 bytes each) and the regions' alignment,
        // give or take the footer's text (the columns' descriptions differ by a few hundred bytes).
        var held = (expected.Count * 8L) + (stored.Info.NullsOffset >= 0 ? (expected.Count + 7) / 8 : 0);
        var runs = (sigma.RunCount * 12L) + 8;
        var saved = oldStore.FileBytes - store.FileBytes;
        Assert.InRange(saved, held - runs - 1024, held - runs + 1024);
    }

    [Fact]
    public void ScalesZeroNullNaNNegative_AndNullRates_ReadAsTheViewComputes()
    {
        using var connection = Open();
        var (store, report) = Build(connection);

        Assert.DoesNotContain(report.Skipped, s => s.Contains("residual", StringComparison.Ordinal));
        var trendlines = store.Relation("int_ml_trendlines_output")!;
        var z = trendlines["residual_z"];
        Assert.NotNull(z.Derivation);
        Assert.NotNull(trendlines["residual_sigma"].Info.RunsOffset);
        Assert.True(trendlines["residual_sigma"].Info.NullsOffset >= 0, "the NULL runs' bitmap");
        var expected = Rows(connection, "select well_code, stream, residual_z, residual_sigma from int_ml_trendlines_output order by well_code, stream, production_period");
        Assert.Contains(expected, e => e.Sigma is null);
        Assert.Contains(expected, e => e.Sigma is { } s && double.IsNaN(s));
        Assert.Contains(expected, e => e.Z is null);
        Assert.Contains(expected, e => e.Z is { } value && double.IsNaN(value));
        Assert.Contains(expected, e => e.Sigma is < 0 && e.Z == 0);
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(Bits(expected[row].Z), Bits(z.Number(row)));
            Assert.Equal(expected[row].Z is null, z.IsNull(row));
            Assert.Equal(Bits(expected[row].Sigma), Bits(trendlines["residual_sigma"].Number(row)));
            Assert.Equal(expected[row].Sigma is null, trendlines["residual_sigma"].IsNull(row));
        }

        // As a series: the derived column's values from its inputs' in one pass.
        var all = Enumerable.Range(0, trendlines.Rows).ToArray();
        var values = new double[all.Length];
        var nulls = new bool[all.Length];
        z.Numbers(all, values, nulls);
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(Bits(expected[row].Z), nulls[row] ? Bits(null) : Bits(values[row]));
        }
    }

    [Fact]
    public void OneValueNotTheComputation_StoresResidualZAndSaysWhichRow()
    {
        using var connection = Open(sameAsView: false);
        var (store, report) = Build(connection);

        var z = store.Relation("int_ml_trendlines_output")!["residual_z"];
        Assert.Null(z.Derivation);
        Assert.True(z.Info.ValuesOffset > 0);
        Assert.Contains(report.Skipped, s => s.StartsWith("int_ml_trendlines_output.residual_z stored: row ", StringComparison.Ordinal)
            && s.Contains("LogResidualZ(actual_rate, trend_rate, residual_sigma)", StringComparison.Ordinal));
        // actual_rate is still read from stg_well_production.
        Assert.NotNull(store.Relation("int_ml_trendlines_output")!["actual_rate"].Info.Lookup);
        var expected = Rows(connection, "select well_code, stream, residual_z, residual_sigma from int_ml_trendlines_output order by well_code, stream, production_period");
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(Bits(expected[row].Z), Bits(z.Number(row)));
        }
    }

    private (ServeStore Store, ServeBuildReport Report) Build(DuckDBConnection connection)
    {
        var path = Path.Combine(_temp.Path, Guid.NewGuid().ToString("N") + ".serve");
        var report = ServeStoreBuilder.Build(connection, "z-test", path);
        Assert.Contains("int_ml_trendlines_output", report.Relations);
        var store = ServeStore.Open(path, "z-test");
        store.Verify();
        return (store, report);
    }

    private static long? Bits(double? value) => value is { } v ? BitConverter.DoubleToInt64Bits(v) : null;

    private static List<(int Well, string Stream, double? Z, double? Sigma)> Rows(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(int, string, double?, double?)>();
        while (reader.Read())
        {
            rows.Add((Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetDouble(3)));
        }

        return rows;
    }

    /// <summary>stg_well_production as the warehouse computes it and the trendlines as the view computes them from a
    /// per-series residual scale: per well and stream one of 0.3 + well / 10, 0, NULL, NaN or -0.2; a day without
    /// production has NULL rates, and its trendline row a NULL actual rate. <paramref name="sameAsView"/> false: one row's
    /// residual_z (of a series with a positive scale) is not the computation.</summary>
    private static DuckDBConnection Open(bool sameAsView = true)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            create table stg_well_production as
            with accepted as (
                select w as well_code, 'day' as period_type, date '2020-01-01' + d::integer as production_period, 1 as period_days,
                    case when d % 7 = 4 then 0 else 1 end as days_on_production,
                    (w * 0.1 + d * 0.37)::double as oil_rate_kbd, (w * 1.3 + d / 7.0)::double as gas_rate_mmcfd,
                    (0.5 + d * 0.011)::double as water_rate_kbd
                from range(1, 6) as a(w), range(0, 60) as b(d)),
            volumes as (
                select *, oil_rate_kbd * period_days as oil_volume_kbbl, gas_rate_mmcfd * period_days as gas_volume_mmcf,
                    water_rate_kbd * period_days as water_volume_kbbl
                from accepted)
            select *, oil_volume_kbbl / nullif(days_on_production, 0) as oil_producing_rate_kbd,
                gas_volume_mmcf / nullif(days_on_production, 0) as gas_producing_rate_mmcfd,
                water_volume_kbbl / nullif(days_on_production, 0) as water_producing_rate_kbd
            from volumes
            """);
        Execute(connection, """
            create table ml_predictions_raw as
            select p.well_code, s.stream, p.production_period,
                (p.well_code + 0.5 + p.days_on_production * 0.01 + extract(day from p.production_period) / 97.0)::double as trend_rate,
                case (p.well_code + s.k) % 5 when 0 then 0.3 + p.well_code / 10 when 1 then 0.0 when 2 then null when 3 then 'nan'::double else -0.2 end
                    ::double as residual_sigma
            from stg_well_production as p, (values ('oil', 0), ('gas', 1), ('water', 2)) as s(stream, k)
            """);
        Execute(connection, """
            create view int_ml_trendlines_output_computed as
            with with_actual as (
                select predictions.*,
                    case predictions.stream when 'oil' then input.oil_producing_rate_kbd when 'gas' then input.gas_producing_rate_mmcfd
                        else input.water_producing_rate_kbd end as actual_rate
                from ml_predictions_raw as predictions
                inner join stg_well_production as input
                    on predictions.well_code = input.well_code and predictions.production_period = input.production_period),
            scored as (
                select *, case when residual_sigma > 0 then (ln(actual_rate) - ln(trend_rate)) / residual_sigma else 0 end as residual_z
                from with_actual)
            select well_code, stream, production_period, actual_rate, trend_rate, residual_z, coalesce(abs(residual_z) > 3.0, false) as is_outlier,
                residual_sigma
            from scored
            """);
        Execute(connection, sameAsView
            ? "create view int_ml_trendlines_output as select * from int_ml_trendlines_output_computed"
            : """
              create view int_ml_trendlines_output as
              select * replace (case when well_code = 3 and stream = 'water' and production_period = date '2020-01-09'
                  then nextafter(residual_z, 1e9) else residual_z end as residual_z)
              from int_ml_trendlines_output_computed
              """);
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
