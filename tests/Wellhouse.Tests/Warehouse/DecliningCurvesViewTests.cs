namespace Wellhouse.Tests.Warehouse;

/// <summary>The view int_declining_curves on the Volve build: its fitted rates are Wellhouse.Decline's.</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class DecliningCurvesViewTests(VolveBuildFixture fixture)
{
    [Fact]
    public async Task FittedRate_EveryHistoricalRow_EqualsTheLibrarysRate()
    {
        var (compared, mismatches) = await DeclineCurvesCheck.CompareAsync(fixture.Build);
        var kinds = await fixture.Build.QueryAsync("select distinct model from int_decline_fits where model is not null");

        Assert.Empty(mismatches);
        Assert.Equal(kinds.Select(row => (string)row[0]!).Order(StringComparer.Ordinal), compared.Keys.Order(StringComparer.Ordinal));
        Assert.All(compared.Values, count => Assert.True(count > 0));
    }

    [Fact]
    public async Task Rows_AreEveryPeriodOfBothStreamsAndTheForecastMonthsFromTheAsOfDate()
    {
        var history = await fixture.Build.ScalarAsync<long>("select count(*) from int_declining_curves where not is_forecast");
        var periods = await fixture.Build.ScalarAsync<long>("select count(*) from stg_well_production");
        var forecast = await fixture.Build.ScalarAsync<long>("select count(*) from int_declining_curves where is_forecast");
        var months = await fixture.Build.ScalarAsync<long>("select count(*) from mart_decline_forecast");
        // The forecast rows are the well's one forecast, mart_decline_forecast's, as producing-day rates.
        var different = await fixture.Build.ScalarAsync<long>("""
            select count(*) from int_declining_curves as c
            left join mart_decline_forecast as m on m.well_code = c.well_code and m.stream = c.stream and m.month = c.production_period
            where c.is_forecast and (m.well_code is null
                or abs(c.fitted_rate * m.uptime - m.rate_p50) > 1e-12 * greatest(m.rate_p50, 1)
                or abs(c.rate_p10 * m.uptime - m.rate_p10) > 1e-12 * greatest(m.rate_p10, 1)
                or abs(c.rate_p90 * m.uptime - m.rate_p90) > 1e-12 * greatest(m.rate_p90, 1))
            """);
        var abandoned = await fixture.Build.ScalarAsync<long>("select count(*) from int_well_status where well_status = 'abandoned'");
        var early = await fixture.Build.ScalarAsync<long>("""
            select count(*) from int_declining_curves as c inner join int_well_status as s on c.well_code = s.well_code
            where c.is_forecast and (c.production_period < s.forecast_from_month or s.well_status = 'abandoned')
            """);

        Assert.Equal(2 * periods, history);
        Assert.Equal(months, forecast);
        Assert.Equal(0, different);
        Assert.True(forecast > 0);
        Assert.Equal(0, early);
        Assert.True(abandoned > 0, "Volve has wells abandoned by its as-of date; their forecast is left out");
    }

    [Fact]
    public async Task Fits_OneRowPerWellAndStream()
    {
        var fits = await fixture.Build.ScalarAsync<long>("select count(*) from int_decline_fits");
        var wells = await fixture.Build.ScalarAsync<long>("select count(distinct well_code) from stg_well_production");

        Assert.Equal(2 * wells, fits);
    }

    [Fact]
    public async Task UnfitSeries_HistoryWithNullFitAndOnlyThePopulationsForecast()
    {
        var unfit = await fixture.Build.ScalarAsync<long>("select count(*) from int_decline_fits where model is null");
        var rows = await fixture.Build.QueryAsync("""
            select count(*), count(curves.fitted_rate) filter (where not curves.is_forecast), count(curves.qi),
                count(*) filter (where curves.is_forecast and not exists (
                    select 1 from mart_decline_forecast as m
                    where m.well_code = curves.well_code and m.stream = curves.stream and m.method = 'population'))
            from int_declining_curves as curves
            inner join int_decline_fits as fits
                on curves.well_code = fits.well_code and curves.stream = fits.stream
            where fits.model is null
            """);

        Assert.True(unfit > 0, "the Volve sample has series that cannot be fit");
        Assert.True(Convert.ToInt64(rows[0][0]) > 0);
        Assert.Equal([0L, 0L, 0L], rows[0].Skip(1).Select(Convert.ToInt64));
    }
}
