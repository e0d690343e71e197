using DuckDB.NET.Data;

namespace Wellhouse.Tests.Dashboard;

/// <summary>
/// A small published-snapshot file with every relation of docs/marts.md the dashboard reads: three wells in two
/// fields, 36 months of history with exponential declines, a 24-month forecast with a P10-P90 band, trendline
/// outliers (one a 150 kbd spike), 3- and 6-month moving averages, and revenue with some unpriced months; well 201's
/// reports stop on 15 December 2021 (a partial last month, its rates over its 15 reported days). Numbers are made up but obey the
/// marts' rules (cumulatives never decrease, P90 &lt;= P50 &lt;= P10, volumes = rate x days).
/// </summary>
internal static class SampleSnapshot
{
    public static readonly int[] WellCodes = [101, 102, 201];

    public const int FieldWithTwoWells = 1;

    public static void Write(string path)
    {
        using var connection = new DuckDBConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    private const string Sql = """
        create table wells as select * from (values
            (101, 'ALPHA-1', 'NO 15/9-A-1', 1, 'NORTH', 'volve', 12.0, 0.050, 3.0),
            (102, 'ALPHA-2', 'NO 15/9-A-2', 1, 'NORTH', 'volve', 8.0, 0.035, 2.0),
            (201, 'BRAVO-1', 'NO 15/9-B-1', 2, 'SOUTH', 'volve', 5.0, 0.020, 1.5))
            as t(well_code, well_name, well_reference, field_code, field_name, data_source, qi, di, gor);

        create table months as
        select w.*, m, cast(date '2019-01-01' + to_months(m) as date) as month,
            cast(extract(day from last_day(date '2019-01-01' + to_months(m))) as integer) as calendar_days,
            -- Well 201's reports stop on 15 December 2021: its last month is partial, its rates over the 15 days reported.
            case when w.well_code = 201 and m = 35 then 15 else calendar_days end as reported_days,
            w.qi * exp(-w.di * m) * (1 + 0.08 * sin(m * 1.7 + w.well_code)) as oil_rate_kbd,
            case when m = 7 then 0.0 else w.qi * w.gor * exp(-w.di * m) end as gas_rate_mmcfd,
            0.5 + 0.12 * m as water_rate_kbd
        from wells as w cross join range(36) as r(m);


        create table mart_production_monthly as
        select well_code, well_name, field_code, field_name, month, cast(year(month) as integer) as year, calendar_days, reported_days,
            reported_days - (m % 3) as producing_days,
            oil_rate_kbd * reported_days as oil_volume_kbbl, gas_rate_mmcfd * reported_days as gas_volume_mmcf,
            water_rate_kbd * reported_days as water_volume_kbbl, (oil_rate_kbd + water_rate_kbd) * reported_days as liquids_volume_kbbl,
            oil_rate_kbd, gas_rate_mmcfd, water_rate_kbd,
            sum(oil_rate_kbd * reported_days) over w as cum_oil_kbbl, sum(gas_rate_mmcfd * reported_days) over w as cum_gas_mmcf,
            sum(water_rate_kbd * reported_days) over w as cum_water_kbbl
        from months window w as (partition by well_code order by month);

        create table mart_production_yearly as
        select well_code, any_value(well_name) as well_name, any_value(field_code) as field_code, any_value(field_name) as field_name,
            year, sum(calendar_days) as calendar_days, sum(producing_days) as producing_days,
            sum(oil_volume_kbbl) as oil_volume_kbbl, sum(gas_volume_mmcf) as gas_volume_mmcf, sum(water_volume_kbbl) as water_volume_kbbl,
            sum(liquids_volume_kbbl) as liquids_volume_kbbl, sum(oil_volume_kbbl) / sum(calendar_days) as oil_rate_kbd,
            sum(gas_volume_mmcf) / sum(calendar_days) as gas_rate_mmcfd, sum(water_volume_kbbl) / sum(calendar_days) as water_rate_kbd,
            max(cum_oil_kbbl) as cum_oil_kbbl, max(cum_gas_mmcf) as cum_gas_mmcf, max(cum_water_kbbl) as cum_water_kbbl
        from mart_production_monthly group by well_code, year;

        create table int_production_cumsum as
        select well_code, month as production_period, 'month' as period_type, oil_volume_kbbl, gas_volume_mmcf, water_volume_kbbl,
            cum_oil_kbbl, cum_gas_mmcf, cum_water_kbbl, sum(producing_days) over (partition by well_code order by month) as cum_days_on_production
        from mart_production_monthly;

        create table int_declining_curves as
        with streams as (select * from (values ('oil'), ('gas')) as s(stream)),
        grid as (select w.well_code, s.stream, m, case when s.stream = 'oil' then w.qi else w.qi * w.gor end as qi, w.di
            from wells as w cross join streams as s cross join range(60) as r(m))
        select g.well_code, g.stream, cast(date '2019-01-01' + to_months(g.m) as date) as production_period, g.m >= 36 as is_forecast,
            -- One spike of 150 kbd (well 101, September 2020), flagged as an outlier by the trendline.
            case when g.m >= 36 then null when g.well_code = 101 and g.stream = 'oil' and g.m = 20 then 150.0
                when g.stream = 'oil' then mo.oil_rate_kbd * 1.02 else mo.gas_rate_mmcfd * 1.02 end as actual_rate,
            g.qi * exp(-g.di * g.m) as fitted_rate, 1.25 * g.qi * exp(-g.di * g.m) as rate_p10, 0.8 * g.qi * exp(-g.di * g.m) as rate_p90,
            'exponential' as model, g.qi, g.di * 12 as di_nominal_per_year, 0.0 as b, 0.06 as dmin_per_year,
            date '2019-01-01' as t0_date, 1 as segment
        from grid as g left join months as mo on mo.well_code = g.well_code and mo.m = g.m;

        create table int_moving_averages as
        select mo.well_code, mo.month as production_period, 'month' as period_type, w."window",
            avg(mo2.oil_rate_kbd) as oil_rate_avg_kbd, avg(mo2.gas_rate_mmcfd) as gas_rate_avg_mmcfd,
            avg(mo2.water_rate_kbd) as water_rate_avg_kbd, avg(mo2.oil_rate_kbd) * 0.99 as oil_fitted_rate_avg_kbd
        from months as mo cross join (values ('3m', 3), ('6m', 6)) as w("window", n)
        join months as mo2 on mo2.well_code = mo.well_code and mo2.m between mo.m - w.n + 1 and mo.m
        group by mo.well_code, mo.month, w."window";

        create table int_ml_trendlines_output as
        select well_code, stream, production_period, actual_rate, fitted_rate as trend_rate,
            case when well_code % 2 = 1 and month(production_period) = 6 then 3.5 when actual_rate > 100 then 40.0 else 0.4 end as residual_z,
            (well_code % 2 = 1 and month(production_period) = 6) or actual_rate > 100 as is_outlier
        from int_declining_curves where not is_forecast;

        create table mart_decline_forecast as
        select well_code, stream, production_period as month, rate_p10, fitted_rate as rate_p50, rate_p90,
            fitted_rate * 30 as volume_p50, sum(fitted_rate * 30) over (partition by well_code, stream order by production_period) as cum_p50,
            1.0 as uptime, 'per_well_fit' as method
        from int_declining_curves where is_forecast;

        -- A hindcast of made-up but consistent figures: per model, cohort and horizon (the per-well fit has no 1-5 cohort).
        create table mart_decline_hindcast as
        select 'volve' as data_source, 'oil' as stream, model, cohort, horizon_months,
            cast(40 + 10 * c + horizon_months as integer) as forecasts,
            (case when model = 'population' then 0.08 else 0.12 end) * (1 + horizon_months / 12.0) * (1 + 0.3 * (4 - c)) as median_ape,
            (case when model = 'population' then 0.01 else -0.05 end) * horizon_months / 6.0 as median_bias,
            case when model = 'population' then 0.78 + 0.01 * c else 0.30 - 0.01 * c end as coverage,
            date '2013-01-01' as first_as_of, date '2019-07-01' as last_as_of
        from (values ('population'), ('per-well-arps')) as m(model)
        cross join (values ('1-5', 0), ('6-12', 1), ('13-24', 2), ('25+', 3), ('all', 4)) as k(cohort, c)
        cross join (values (6), (12), (24)) as h(horizon_months)
        where not (model = 'per-well-arps' and cohort = '1-5');

        create table mart_field_production_monthly as
        select field_code, any_value(field_name) as field_name, month, any_value(year) as year, any_value(calendar_days) as calendar_days,
            count(*) as well_count, sum(producing_days) as producing_days, sum(oil_volume_kbbl) as oil_volume_kbbl,
            sum(gas_volume_mmcf) as gas_volume_mmcf, sum(water_volume_kbbl) as water_volume_kbbl, sum(liquids_volume_kbbl) as liquids_volume_kbbl,
            sum(oil_rate_kbd) as oil_rate_kbd, sum(gas_rate_mmcfd) as gas_rate_mmcfd, sum(water_rate_kbd) as water_rate_kbd
        from mart_production_monthly group by field_code, month;

        create table mart_field_production_yearly as
        select field_code, any_value(field_name) as field_name, year, sum(calendar_days) as calendar_days, max(well_count) as well_count,
            sum(producing_days) as producing_days, sum(oil_volume_kbbl) as oil_volume_kbbl, sum(gas_volume_mmcf) as gas_volume_mmcf,
            sum(water_volume_kbbl) as water_volume_kbbl, sum(liquids_volume_kbbl) as liquids_volume_kbbl,
            sum(oil_volume_kbbl) / sum(calendar_days) as oil_rate_kbd, sum(gas_volume_mmcf) / sum(calendar_days) as gas_rate_mmcfd,
            sum(water_volume_kbbl) / sum(calendar_days) as water_rate_kbd
        from mart_field_production_monthly group by field_code, year;

        create table mart_revenue as
        select well_code, field_code, month, oil_volume_kbbl * 1000 as oil_volume_bbl, gas_volume_mmcf * 1000 as gas_volume_mcf,
            case when month = date '2020-03-01' then null else 60 + 10 * sin(month(month)) end as oil_price_usd_per_bbl,
            3.0 as gas_price_usd_per_mmbtu, 1.04 as heat_content_mmbtu_per_mcf,
            oil_volume_bbl * oil_price_usd_per_bbl as oil_revenue_usd, gas_volume_mcf * 1.04 * 3.0 as gas_revenue_usd,
            oil_revenue_usd + gas_revenue_usd as revenue_usd, 'NOK' as currency, 10.5 as fx_local_per_usd,
            revenue_usd * 10.5 as revenue_local, oil_price_usd_per_bbl is not null as is_priced
        from mart_production_monthly;

        create table mart_well_summary as
        select w.well_code, w.well_name, w.well_reference, w.field_code, w.field_name, w.data_source,
            min(p.month) as first_production_date, max(p.month) as last_production_date, sum(p.producing_days) as producing_days,
            max(p.cum_oil_kbbl) as cum_oil_kbbl, max(p.cum_gas_mmcf) as cum_gas_mmcf, max(p.cum_water_kbbl) as cum_water_kbbl,
            date '2021-12-16' as data_as_of_date, 'producing' as well_status, max(p.month) as current_rate_month,
            arg_max(p.reported_days, p.month) as current_rate_days,
            arg_max(p.oil_rate_kbd, p.month) as current_oil_rate_kbd, arg_max(p.gas_rate_mmcfd, p.month) as current_gas_rate_mmcfd,
            'exponential' as oil_model, w.qi as oil_qi_kbd, w.di * 12 as oil_di_nominal_per_year, 0.0 as oil_b, 0.06 as oil_dmin_per_year,
            max(p.cum_oil_kbbl) * 1.5 as oil_eur_kbbl, max(p.cum_oil_kbbl) * 0.5 as oil_remaining_kbbl,
            max(p.cum_oil_kbbl) * 1.7 as oil_eur_p10_kbbl, max(p.cum_oil_kbbl) * 1.3 as oil_eur_p90_kbbl, max(p.cum_gas_mmcf) * 1.4 as gas_eur_mmcf
        from wells as w join mart_production_monthly as p using (well_code)
        group by all;

        drop table months;
        drop table wells;
        checkpoint;
        """;
}
