using DuckDB.NET.Data;
using Wellhouse.Refresh;

namespace Wellhouse.Tests.Api;

/// <summary>
/// Stands in for the dbt build: writes a small snapshot with the marts' tables (docs/marts.md) for three wells in two
/// fields; the build number shows in well names so tests can tell snapshots apart. Can fail a test, throw, or wait on a gate.
/// </summary>
internal sealed class FakeWarehouseBuilder : IWarehouseBuilder
{
    private int _builds;

    /// <summary>When set, the build waits for it (to test 409 and cancel).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public bool FailTest { get; set; }

    public Exception? Throw { get; set; }

    public int Builds => _builds;

    /// <summary>The project state it reports (null: none, so every refresh is full).</summary>
    public ProjectState? State { get; set; }

    /// <summary>Whether it claims to build incrementally.</summary>
    public bool Incremental { get; set; }

    public BuildRequest? LastRequest { get; private set; }

    /// <summary>SQL run on the snapshot after the marts are written (e.g. to put awkward values in them).</summary>
    public string? ExtraSql { get; set; }

    public bool BuildsIncrementally => Incremental;

    public ProjectState? DescribeProject() => State;

    public async Task<BuildOutcome> BuildAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        var build = Interlocked.Increment(ref _builds);
        LastRequest = request;
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Throw is { } exception)
        {
            throw exception;
        }

        using (var connection = new DuckDBConnection($"Data Source={request.SnapshotPath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = Sql.Replace("{build}", build.ToString(System.Globalization.CultureInfo.InvariantCulture)) + ExtraSql;
            command.ExecuteNonQuery();
        }

        await request.Log.WriteLineAsync($"fake build {build}: {request.RawBatchFiles.Count} raw files");
        return new BuildOutcome(true,
        [
            new NodeResult("model.wellhouse.mart_production_monthly", "model", "success", 0.01),
            new NodeResult("test.wellhouse.not_null_mart_well_summary_well_code", "test", FailTest ? "fail" : "pass", 0.01,
                FailTest ? "Got 1 result, configured to fail if != 0" : null, FailTest ? 1 : 0),
            new NodeResult("test.wellhouse.revenue_priced", "test", "warn", 0.01, "Got 2 results, configured to warn if != 0", 2),
        ]);
    }

    private const string Sql = """
        create table wells as select * from (values
            (101, 'Alpha A-1 build {build}', 'NO 1/1-A-1', 10, 'ALPHA'),
            (102, 'Alpha A-2', 'NO 1/1-A-2', 10, 'ALPHA'),
            (201, 'Beta B-1', 'NO 2/2-B-1', 20, 'BETA')) as t(well_code, well_name, well_reference, field_code, field_name);
        create table mart_well_summary as select well_code, well_name, well_reference, field_code, field_name,
            'volve' as data_source, date '2020-01-01' as first_production_date, date '2020-12-01' as last_production_date,
            300.0 as producing_days, 12.0 * well_code as cum_oil_kbbl, 3.0 as cum_gas_mmcf, 1.0 as cum_water_kbbl,
            1.5 as current_oil_rate_kbd, 0.5 as current_gas_rate_mmcfd, 'hyperbolic' as oil_model, 2.0 as oil_qi_kbd,
            0.4 as oil_di_nominal_per_year, 0.8 as oil_b, 0.06 as oil_dmin_per_year, 500.0 as oil_eur_kbbl,
            300.0 as oil_remaining_kbbl, 600.0 as oil_eur_p10_kbbl, 400.0 as oil_eur_p90_kbbl, 90.0 as gas_eur_mmcf
            from wells;
        create table months as select cast(range as date) as month from range(date '2020-01-01', date '2021-01-01', interval 1 month);
        create table mart_production_monthly as select w.well_code, w.well_name, w.field_code, w.field_name, m.month,
            year(m.month) as year, 30 as calendar_days, 28.0 as producing_days, 30.0 as oil_volume_kbbl, 6.0 as gas_volume_mmcf,
            3.0 as water_volume_kbbl, 31.0 as liquids_volume_kbbl, 1.0 as oil_rate_kbd, 0.2 as gas_rate_mmcfd, 0.1 as water_rate_kbd,
            30.0 * month(m.month) as cum_oil_kbbl, 6.0 * month(m.month) as cum_gas_mmcf, 3.0 * month(m.month) as cum_water_kbbl
            from wells w cross join months m;
        create table mart_production_yearly as select well_code, any_value(well_name) as well_name, any_value(field_code) as field_code,
            any_value(field_name) as field_name, year, sum(calendar_days) as calendar_days, sum(oil_volume_kbbl) as oil_volume_kbbl
            from mart_production_monthly group by well_code, year;
        create table mart_production_daily as select w.well_code, w.well_name, w.field_code, 'volve' as data_source, 'day' as period_type,
            cast(d.range as date) as production_period, 1 as period_days, 1.0 as days_on_production, 1.0 as oil_volume_kbbl,
            1.0 as oil_rate_kbd from wells w cross join range(date '2020-01-01', date '2020-01-06', interval 1 day) d;
        create table int_production_cumsum as select well_code, month as production_period, 'month' as period_type, oil_volume_kbbl,
            cum_oil_kbbl from mart_production_monthly;
        create table int_moving_averages as select well_code, month as production_period, 'month' as period_type, w."window",
            1.0 as oil_rate_avg_kbd from mart_production_monthly cross join (values ('3m'), ('6m')) as w("window");
        create table int_declining_curves as select well_code, s.stream, month as production_period, false as is_forecast,
            1.0 as actual_rate, 0.95 as fitted_rate, 1.1 as rate_p10, 0.8 as rate_p90, 'hyperbolic' as model
            from mart_production_monthly cross join (values ('oil'), ('gas')) as s(stream);
        create table int_ml_trendlines_output as select well_code, stream, production_period, actual_rate, 0.97 as trend_rate,
            0.5 as residual_z, month(production_period) = 6 as is_outlier from int_declining_curves;
        create table mart_decline_forecast as select well_code, stream, production_period + interval 1 year as month,
            1.1 as rate_p10, 0.9 as rate_p50, 0.7 as rate_p90, 27.0 as volume_p50, 400.0 as cum_p50, 1.0 as uptime, 'population' as method from int_declining_curves;
        create table mart_revenue as select well_code, field_code, month, 30000.0 as oil_volume_bbl, 6000.0 as gas_volume_mcf,
            60.0 as oil_price_usd_per_bbl, 3.0 as gas_price_usd_per_mmbtu, 1.037 as heat_content_mmbtu_per_mcf,
            1800000.0 as oil_revenue_usd, 18666.0 as gas_revenue_usd, 1818666.0 as revenue_usd, 'NOK' as currency,
            10.0 as fx_local_per_usd, 18186660.0 as revenue_local, true as is_priced from mart_production_monthly;
        create table mart_field_production_monthly as select field_code, any_value(field_name) as field_name, month, year,
            count(*) as well_count, sum(oil_volume_kbbl) as oil_volume_kbbl from mart_production_monthly group by field_code, month, year;
        create table mart_field_production_yearly as select field_code, any_value(field_name) as field_name, year,
            count(distinct well_code) as well_count, sum(oil_volume_kbbl) as oil_volume_kbbl from mart_production_monthly group by field_code, year;
        drop table wells;
        drop table months;
        """;
}
