namespace Wellhouse.Decline.Tests;

/// <summary>LOWESS trendlines (Cleveland 1979) with robustness iterations and outlier flags.</summary>
public sealed class TrendlineTests
{
    [Fact]
    public void Lowess_StraightLine_IsReproducedExactly()
    {
        var x = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var y = x.Select(v => 3 - (0.2 * v)).ToArray();

        var smooth = Trendline.Lowess(x, y, 0.3, 2);

        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(y[i], smooth[i], 1e-9);
        }
    }

    [Fact]
    public void Lowess_WithAnOutlier_RobustnessIterationsIgnoreIt()
    {
        var x = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();
        var y = x.Select(v => Math.Sin(v / 10)).ToArray();
        y[30] += 5;

        var robust = Trendline.Lowess(x, y, 0.3, 2);
        var plain = Trendline.Lowess(x, y, 0.3, 0);

        Assert.Equal(Math.Sin(3), robust[30], 0.02);
        Assert.True(Math.Abs(plain[30] - Math.Sin(3)) > 0.1);
    }

    [Fact]
    public void Lowess_Series_FlagsOutliersAndSkipsShutIns()
    {
        var well = SyntheticWellGenerator.Generate(5, new SyntheticWellOptions
        {
            OutlierProbability = 0.05, ShutInProbability = 0.05, Frequency = SeriesFrequency.Daily, Periods = 600,
        });

        var points = Trendline.Lowess(well.Series);

        Assert.Equal(600, points.Length);
        for (var i = 0; i < points.Length; i++)
        {
            if (well.DaysOn[i] == 0)
            {
                Assert.True(double.IsNaN(points[i].TrendRate));
            }
            else if (well.Outliers[i])
            {
                Assert.True(points[i].IsOutlier, $"outlier at {i} not flagged (z = {points[i].ZScore})");
            }
        }

        Assert.InRange(points.Count(p => p.IsOutlier), well.Outliers.Count(o => o), well.Outliers.Count(o => o) + 5);
    }

    [Fact]
    public void Lowess_MismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => Trendline.Lowess([1.0, 2], [1.0]));
    }
}
