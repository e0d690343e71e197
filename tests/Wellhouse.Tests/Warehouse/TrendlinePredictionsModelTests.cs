using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

public sealed class TrendlinePredictionsModelTests
{
    /// <summary>A smooth daily decline with 3 % lognormal noise and two real outliers (a tripled and a halved day).</summary>
    private static WellSeries SmoothDailyWell(int days = 400, int? extraOutlier = null)
    {
        var random = new Random(7);
        var series = new WellSeries(1, "oil", monthly: false);
        var start = new DateOnly(2020, 1, 1);
        for (var day = 0; day < days; day++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var rate = 10 * Math.Exp(-0.002 * day) * Math.Exp(0.03 * normal);
            rate *= day switch { 100 => 3.0, 250 => 0.5, _ => day == extraOutlier ? 3.0 : 1.0 };
            series.Add(start.AddDays(day), rate, 1, 1, rate);
        }

        return series;
    }

    [Fact]
    public void Fit_SmoothDailySeriesWithScaleFloor_FlagsOnlyTheRealOutliers()
    {
        var (_, _, _, z) = TrendlinePredictionsModel.Fit(SmoothDailyWell(), minSigma: 0.1);

        var flagged = Enumerable.Range(0, z.Length).Where(i => Math.Abs(z[i]) > 3).ToList();

        Assert.Equal([100, 250], flagged);
    }

    [Theory]
    [InlineData(0.123456789, 0.123457)]
    [InlineData(1234.56789, 1234.57)]
    [InlineData(9.9999996, 10.0)]
    [InlineData(123456789.0, 123457000.0)]
    [InlineData(0.000012345678, 0.0000123457)]
    [InlineData(0.0, 0.0)]
    public void RoundToSignificant_SixDigits_IsTheNearestDoubleOfTheDecimal(double value, double expected)
    {
        Assert.Equal(expected, TrendlinePredictionsModel.RoundToSignificant(value, 6));
    }

    [Fact]
    public void Fit_TrendRates_HaveSixSignificantDigitsWithinTheirRelativeStep()
    {
        var (series, trend, _, _) = TrendlinePredictionsModel.Fit(SmoothDailyWell(), minSigma: 0.1);

        Assert.Equal(series.Count, trend.Length);
        foreach (var rate in trend)
        {
            // Shortest round-trip text of the stored double: at most 6 significant digits.
            var digits = rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture).TrimStart('0', '.').Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
            Assert.True(digits.Length <= TrendlinePredictionsModel.TrendDigits, $"{rate:R} has more than 6 significant digits");
            Assert.True(rate > 0);
        }
    }

    /// <summary>The as-of month of <see cref="SmoothDailyWell"/>: its days 366-399 (2021-01-01..02-04).</summary>
    private static readonly DateOnly AsOfMonth = new(2021, 1, 1);

    [Fact]
    public void Fit_AsOfMonth_FlagsOnlyTheRealOutliersThere()
    {
        var (_, _, _, z) = TrendlinePredictionsModel.Fit(SmoothDailyWell(extraOutlier: 380), minSigma: 0.1, AsOfMonth);

        var flagged = Enumerable.Range(0, z.Length).Where(i => Math.Abs(z[i]) > 3).ToList();

        Assert.Equal([100, 250, 380], flagged);
    }

    [Fact]
    public void Fit_AsOfMonth_FitsThePeriodsBeforeItAlone()
    {
        var series = SmoothDailyWell();
        var before = SmoothDailyWell(days: 366);

        var (_, trend, sigma, _) = TrendlinePredictionsModel.Fit(series, minSigma: 0.1, AsOfMonth);
        var (_, fitted, fittedSigma, _) = TrendlinePredictionsModel.Fit(before, minSigma: 0.1);

        Assert.Equal(fitted, trend.Take(366));
        Assert.Equal(fittedSigma, sigma);
    }

    [Fact]
    public void Fit_AsOfMonth_ALaterPeriodChangesNoEarlierRow()
    {
        // What lets an incremental refresh append a new day's rows and keep the others: the series up to each day of
        // the as-of month gives the same rows as the whole series, bit for bit.
        var (_, trend, sigma, _) = TrendlinePredictionsModel.Fit(SmoothDailyWell(extraOutlier: 380), minSigma: 0.1, AsOfMonth);

        for (var days = 366; days < 400; days++)
        {
            var (_, partial, partialSigma, _) = TrendlinePredictionsModel.Fit(SmoothDailyWell(days, extraOutlier: 380), minSigma: 0.1, AsOfMonth);
            Assert.Equal(trend.Take(days), partial);
            Assert.Equal(sigma, partialSigma);
        }
    }

    [Fact]
    public void Fit_AsOfMonthOfAnExponentialDecline_ContinuesItsLine()
    {
        var series = new WellSeries(1, "oil", monthly: false);
        var start = new DateOnly(2020, 11, 1);
        for (var day = 0; day < 75; day++)
        {
            // Uptime weights vary; the line of ln(rate) is the same.
            series.Add(start.AddDays(day), 10 * Math.Exp(-0.003 * day), day % 4 == 0 ? 0.5 : 1, 1);
        }

        var (_, trend, _, z) = TrendlinePredictionsModel.Fit(series, minSigma: 0.1, AsOfMonth);

        for (var i = 61; i < 75; i++)
        {
            // The stored trend's 6 significant digits: a relative step of at most 5e-6.
            Assert.Equal(series.Rates[i], trend[i], series.Rates[i] * 1e-5);
            Assert.Equal(0, z[i], 1e-4);
        }
    }

    [Fact]
    public void Fit_AsOfMonthWithNoPeriodBefore_StartsFromTheFirstRateAtTheFloor()
    {
        var series = new WellSeries(1, "water", monthly: false);
        series.Add(new DateOnly(2021, 1, 5), 2.0, 1, 1);
        series.Add(new DateOnly(2021, 1, 6), 2.2, 1, 1);
        series.Add(new DateOnly(2021, 1, 7), 2.4, 1, 1);

        var (_, trend, sigma, _) = TrendlinePredictionsModel.Fit(series, minSigma: 0.1, AsOfMonth);

        Assert.Equal(0.1, sigma);
        Assert.Equal(2.0, trend[0]);
        // One point before: its rate; two: the nearer one's (the farthest point of a window weighs almost nothing in the
        // tricube, as in LOWESS).
        Assert.Equal(2.0, trend[1], 1e-12);
        Assert.Equal(2.2, trend[2], 1e-9);
    }
}
