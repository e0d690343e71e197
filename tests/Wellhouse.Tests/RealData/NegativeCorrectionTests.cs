using System.Globalization;

namespace Wellhouse.Tests.RealData;

/// <summary>
/// Issue 15, defect 1, in the warehouse, on the data that showed it: NPD reports negative correction months, and
/// LILLE-FRIGG's last month (2001-05, -0.00012 million Sm3 of oil) made its current rate -0.024 kbd. The correction
/// nets into the cumulative; the current rate is the last month's that is not a correction.
/// </summary>
[Collection(NpdBuildCollection.Name)]
public sealed class NegativeCorrectionTests(NpdBuildFixture fixture)
{
    private const double BarrelsPerCubicMetre = 6.289811;

    [Fact]
    public async Task WellSummary_LilleFriggEndingInACorrectionMonth_NetsItAndHasNoNegativeCurrentRate()
    {
        // Held out: NPD's monthly rows of the field as published (million Sm3 per month).
        var oil = File.ReadLines(SharedRawData.File("npd-factpages-2013", "field_production_monthly.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Where(f => f[0] == "LILLE-FRIGG")
            .Select(f => (Month: new DateOnly(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), 1),
                Oil: double.Parse(f[3], CultureInfo.InvariantCulture)))
            .OrderBy(r => r.Month).ToArray();
        Assert.True(oil[^1].Oil < 0, "LILLE-FRIGG's last month is no longer a correction");

        var row = Assert.Single(await fixture.Build.QueryAsync(
            "select current_rate_month, current_oil_rate_kbd, current_gas_rate_mmcfd, cum_oil_kbbl from mart_well_summary where field_name = 'LILLE-FRIGG'"));

        var current = oil.Last(r => r.Oil >= 0);
        Assert.Equal(new DateOnly(2001, 4, 1), current.Month);
        Assert.Equal(current.Month, row[0]);
        Assert.Equal(current.Oil * 1e3 * BarrelsPerCubicMetre / 30, Convert.ToDouble(row[1], CultureInfo.InvariantCulture), 1e-9);
        Assert.True(Convert.ToDouble(row[2], CultureInfo.InvariantCulture) >= 0);
        // The correction still nets into the cumulative.
        var cumulative = oil.Sum(r => r.Oil) * 1e3 * BarrelsPerCubicMetre;
        Assert.Equal(cumulative, Convert.ToDouble(row[3], CultureInfo.InvariantCulture), cumulative * 1e-9);
        Assert.Equal(0, await fixture.Build.ScalarAsync<long>(
            "select count(*) from mart_well_summary where current_oil_rate_kbd < 0 or current_gas_rate_mmcfd < 0"));
    }
}
