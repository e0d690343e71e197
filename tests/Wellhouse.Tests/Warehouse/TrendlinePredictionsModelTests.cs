using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

public sealed class TrendlinePredictionsModelTests
{
    /// <summary>A smooth daily decline with 3 % lognormal noise and two real outliers (a tripled and a halved day).</summary>
    private static WellSeries SmoothDailyWell()
    {
        var random = new Random(7);
        var series = new WellSeries(1, "oil", monthly: false);
        var start = new DateOnly(2020, 1, 1);
        for (var day = 0; day < 400; day++)
        {
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var rate = 10 * Math.Exp(-0.002 * day) * Math.Exp(0.03 * normal);
            rate *= day switch { 100 => 3.0, 250 => 0.5, _ => 1.0 };
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
}
