using System.Globalization;

namespace Wellhouse.Tests.RealData;

/// <summary>
/// Issue 15, defect 4, on the data that showed it: in NPD's snapshot of early 2013, YME has had no oil since May 2001,
/// yet it was forecast from 2001 at 24.6 kbd with 68 million bbl "remaining". Wells now have a status at the data's
/// as-of date (2013-03-01 here, not the build's date), forecasts start there, and abandoned wells keep no reserves.
/// </summary>
[Collection(NpdBuildCollection.Name)]
public sealed class WellStatusTests(NpdBuildFixture fixture)
{
    [Fact]
    public async Task WellSummary_Yme_IsAbandonedWithNoRemainingReservesAndNoForecast()
    {
        var row = Assert.Single(await fixture.Build.QueryAsync("""
            select well_status, data_as_of_date, months_without_production, oil_remaining_kbbl, oil_eur_kbbl, cum_oil_kbbl,
                oil_eur_limited_by, (select count(*) from mart_decline_forecast f where f.well_code = s.well_code)
            from mart_well_summary as s where field_name = 'YME'
            """));

        Assert.Equal("abandoned", row[0]);
        Assert.Equal(new DateOnly(2013, 3, 1), row[1]);
        // From the end of May 2001 to 2013-03-01.
        Assert.Equal(141, Convert.ToInt64(row[2], CultureInfo.InvariantCulture));
        Assert.Equal(0.0, Convert.ToDouble(row[3], CultureInfo.InvariantCulture));
        Assert.Equal(Convert.ToDouble(row[5], CultureInfo.InvariantCulture), Convert.ToDouble(row[4], CultureInfo.InvariantCulture), 1e-9);
        Assert.Equal("abandoned", row[6]);
        Assert.Equal(0L, Convert.ToInt64(row[7], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Forecasts_ProducingFields_StartAtTheDataAsOfDate()
    {
        var row = Assert.Single(await fixture.Build.QueryAsync("""
            select s.well_status, min(f.month), s.oil_remaining_kbbl
            from mart_well_summary as s inner join mart_decline_forecast as f on f.well_code = s.well_code and f.stream = 'oil'
            where s.field_name = 'EKOFISK' group by all
            """));

        Assert.Equal("producing", row[0]);
        Assert.Equal(new DateOnly(2013, 3, 1), row[1]);
        Assert.True(Convert.ToDouble(row[2], CultureInfo.InvariantCulture) > 0);

        // No forecast month of any field lies before the as-of date, and only abandoned fields have none at all.
        Assert.Equal(0, await fixture.Build.ScalarAsync<long>("select count(*) from mart_decline_forecast where month < date '2013-03-01'"));
        var statuses = await fixture.Build.QueryAsync("select well_status, count(*) from mart_well_summary group by 1 order by 1");
        Assert.Contains(statuses, s => (string)s[0]! == "producing");
        Assert.Contains(statuses, s => (string)s[0]! == "abandoned");
        Assert.Equal(0, await fixture.Build.ScalarAsync<long>("""
            select count(*) from mart_well_summary s
            where well_status = 'abandoned' and (oil_remaining_kbbl > 0 or exists (select 1 from mart_decline_forecast f where f.well_code = s.well_code))
            """));
    }

    [Fact]
    public async Task DeclineCurves_ForecastStartsAtTheAsOfMonthAndAbandonedFieldsHaveNone()
    {
        // The series behind the decline chart and /api/wells/{w}/decline: YME's oil history stays, with no forecast.
        var yme = Assert.Single(await fixture.Build.QueryAsync("""
            select count(*) filter (where not c.is_forecast), count(*) filter (where c.is_forecast)
            from int_declining_curves as c inner join int_wells as w on c.well_code = w.well_code
            where w.field_name = 'YME' and c.stream = 'oil'
            """));
        Assert.True(Convert.ToInt64(yme[0], CultureInfo.InvariantCulture) > 0);
        Assert.Equal(0L, Convert.ToInt64(yme[1], CultureInfo.InvariantCulture));

        // Every field that is not abandoned and has a fit is forecast from 2013-03-01 (shut-in fields too, whose fit's
        // months start after their own last report), and no forecast month lies before it.
        var starts = await fixture.Build.QueryAsync("""
            select s.well_status, min(c.production_period), count(distinct c.well_code)
            from int_declining_curves as c inner join int_well_status as s on c.well_code = s.well_code
            where c.is_forecast group by all order by 1
            """);
        Assert.Equal(["producing", "shut_in"], starts.Select(r => (string)r[0]!));
        Assert.All(starts, r => Assert.Equal(new DateOnly(2013, 3, 1), r[1]));
        Assert.Equal(0, await fixture.Build.ScalarAsync<long>("""
            select count(*) from (
                select s.well_code, c.stream, min(c.production_period) as first_month
                from int_declining_curves as c inner join int_well_status as s on c.well_code = s.well_code
                where c.is_forecast group by all
            ) where first_month <> date '2013-03-01'
            """));
        Assert.Equal(0, await fixture.Build.ScalarAsync<long>("""
            select count(*) from int_decline_fits as f inner join int_well_status as s on f.well_code = s.well_code
            where s.well_status <> 'abandoned' and f.model is not null
                and not exists (select 1 from int_declining_curves c where c.well_code = f.well_code and c.stream = f.stream and c.is_forecast)
            """));
    }
}
