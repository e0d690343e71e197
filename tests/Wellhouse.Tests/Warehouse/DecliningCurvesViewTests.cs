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
        var months = await fixture.Build.ScalarAsync<long>("""
            select count(*) from (select well_code, unnest(forecast_months) as month from int_decline_fits) as f
            inner join int_well_status as s on f.well_code = s.well_code
            where f.month >= s.forecast_from_month and s.well_status <> 'abandoned'
            """);
        var abandoned = await fixture.Build.ScalarAsync<long>("select count(*) from int_well_status where well_status = 'abandoned'");
        var early = await fixture.Build.ScalarAsync<long>("""
            select count(*) from int_declining_curves as c inner join int_well_status as s on c.well_code = s.well_code
            where c.is_forecast and (c.production_period < s.forecast_from_month or s.well_status = 'abandoned')
            """);

        Assert.Equal(2 * periods, history);
        Assert.Equal(months, forecast);
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
    public async Task UnfitSeries_HistoryWithNullFitAndNoForecast()
    {
        var unfit = await fixture.Build.ScalarAsync<long>("select count(*) from int_decline_fits where model is null");
        var rows = await fixture.Build.QueryAsync("""
            select count(*), count(curves.fitted_rate), count(curves.qi), count(*) filter (where curves.is_forecast)
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
