using System.Globalization;
using Wellhouse.Tests.Warehouse;

namespace Wellhouse.Tests.RealData;

/// <summary>
/// Issue 15, defect 5, on the data that showed it: NPD's snapshot of early 2013 holds two months of 2013, and the
/// yearly mart divided Ekofisk's 2013 by 365 days (19.25 kbd instead of about 119). Rates now divide by the days the
/// data cover (reported_days).
/// </summary>
[Collection(NpdBuildCollection.Name)]
public sealed class PartialYearTests(NpdBuildFixture fixture)
{
    private const double BarrelsPerCubicMetre = 6.289811;

    [Fact]
    public async Task YearlyMarts_EkofiskIn2013_DivideByTheTwoReportedMonths()
    {
        // Held out: NPD's own yearly table of the same snapshot, net oil 2013 in million Sm3.
        var npdYearly = File.ReadLines(SharedRawData.File("npd-factpages-2013", "field_production_yearly.csv"))
            .Select(line => line.Split(',')).Single(f => f[0] == "EKOFISK" && f[1] == "2013");
        var expectedKbd = double.Parse(npdYearly[2], CultureInfo.InvariantCulture) * 1e6 * BarrelsPerCubicMetre / 1000 / 59;

        foreach (var mart in new[] { "mart_production_yearly", "mart_field_production_yearly" })
        {
            var row = Assert.Single(await fixture.Build.QueryAsync(
                $"select calendar_days, reported_days, oil_rate_kbd, oil_volume_kbbl from {mart} where field_name = 'EKOFISK' and year = 2013"));

            Assert.Equal(365, Convert.ToInt32(row[0], CultureInfo.InvariantCulture));
            Assert.Equal(31 + 28, Convert.ToInt32(row[1], CultureInfo.InvariantCulture));
            Assert.Equal(Convert.ToDouble(row[3], CultureInfo.InvariantCulture) / 59, Convert.ToDouble(row[2], CultureInfo.InvariantCulture), 1e-9);
            // NPD's yearly value has 3 decimals (1,000 Sm3): within 0.1 %.
            Assert.Equal(expectedKbd, Convert.ToDouble(row[2], CultureInfo.InvariantCulture), expectedKbd * 1e-3);
        }
    }

    [Fact]
    public async Task YearlyMart_WholeYears_StillDivideByTheCalendarDays()
    {
        var partial = await fixture.Build.ScalarAsync<long>("""
            select count(*) from mart_production_yearly as y
            inner join int_wells as w on w.well_code = y.well_code
            where y.reported_days <> y.calendar_days
                and y.year > year(w.first_period_start) and make_date(y.year + 1, 1, 1) <= w.reported_until
            """);

        Assert.Equal(0, partial);
    }
}

/// <summary>Issue 15, defect 5: the current rate of a Volve well reported up to 17 September 2016 is not diluted by
/// the 13 days of September that were never reported.</summary>
[Collection(VolveBuildCollection.Name)]
public sealed class PartialMonthTests(VolveBuildFixture fixture)
{
    [Fact]
    public async Task WellSummary_VolveF11_CurrentRateOverTheReportedDaysOfItsLastMonth()
    {
        var row = Assert.Single(await fixture.Build.QueryAsync("""
            select s.current_rate_month, s.current_rate_days, s.current_oil_rate_kbd,
                (select sum(oil_volume_kbbl) from stg_well_production p
                 where p.well_code = s.well_code and p.production_period >= date '2016-09-01')
            from mart_well_summary as s where s.well_name = '15/9-F-11'
            """));

        Assert.Equal(new DateOnly(2016, 9, 1), row[0]);
        Assert.Equal(17, Convert.ToInt32(row[1], CultureInfo.InvariantCulture));
        var septemberVolume = Convert.ToDouble(row[3], CultureInfo.InvariantCulture);
        Assert.Equal(septemberVolume / 17, Convert.ToDouble(row[2], CultureInfo.InvariantCulture), 1e-9);
        // Its last full days ran at 3.3-3.4 kbd; over 30 calendar days the same volume read as 1.8 kbd.
        Assert.InRange(Convert.ToDouble(row[2], CultureInfo.InvariantCulture), 2.5, 4.0);
    }
}
