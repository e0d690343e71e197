namespace Wellhouse.Decline;

/// <summary>A trendline point. NaN trend and z for periods left out (zero, NaN or shut-in).</summary>
/// <param name="TrendRate">Smoothed producing-day rate, volume per day.</param>
/// <param name="Residual">ln(rate / trend).</param>
/// <param name="ZScore">Residual over the robust scale 1.4826 x MAD of the residuals (Hampel 1974).</param>
/// <param name="IsOutlier">|z| above the threshold.</param>
public readonly record struct TrendlinePoint(double TrendRate, double Residual, double ZScore, bool IsOutlier);

/// <summary>
/// Robust LOWESS trendlines of ln(rate) on time (Cleveland 1979, "Robust locally weighted regression and smoothing
/// scatterplots", JASA 74): local linear fits with tricube weights over the nearest fraction of the points, then
/// robustness iterations with bisquare weights B(e / 6 median|e|). Residual z-scores flag outliers.
/// </summary>
public static class Trendline
{
    /// <summary>LOWESS of ln(producing-day rate) of a series.</summary>
    /// <param name="series">The history; producing-day rates are used (docs/domain.md).</param>
    /// <param name="fraction">Share of the points in each local fit (Cleveland's f), in (0, 1].</param>
    /// <param name="robustnessIterations">Bisquare reweighting rounds (Cleveland recommends 2).</param>
    /// <param name="outlierZ">|z| above which a point is an outlier.</param>
    /// <returns>One point per period of the series, in order.</returns>
    public static TrendlinePoint[] Lowess(
        ProductionSeries series, double fraction = 0.3, int robustnessIterations = 2, double outlierZ = 3.5)
    {
        ArgumentNullException.ThrowIfNull(series);
        var n = series.Count;
        var x = new List<double>(n);
        var y = new List<double>(n);
        var index = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            var rate = series.Rates[i];
            var period = series.PeriodDays[i];
            var on = series.DaysOn is { } d && double.IsFinite(d[i]) ? Math.Min(d[i], period) : period;
            if (double.IsFinite(rate) && rate > 0 && on > 0 && double.IsFinite(series.Start[i]))
            {
                x.Add(series.Start[i] + (period / 2));
                y.Add(Math.Log(rate * period / on));
                index.Add(i);
            }
        }

        var result = new TrendlinePoint[n];
        Array.Fill(result, new TrendlinePoint(double.NaN, double.NaN, double.NaN, false));
        if (x.Count == 0)
        {
            return result;
        }

        var fit = Lowess([.. x], [.. y], fraction, robustnessIterations);
        var residuals = new double[fit.Length];
        for (var i = 0; i < fit.Length; i++)
        {
            residuals[i] = y[i] - fit[i];
        }

        var absolute = residuals.Select(Math.Abs).ToArray();
        var scale = RobustStatistics.MadToSigma * RobustStatistics.Median(absolute);
        for (var i = 0; i < fit.Length; i++)
        {
            var z = scale > 0 ? residuals[i] / scale : 0;
            result[index[i]] = new TrendlinePoint(Math.Exp(fit[i]), residuals[i], z, Math.Abs(z) > outlierZ);
        }

        return result;
    }

    /// <summary>LOWESS smoothing of y on ascending x; returns the smoothed values.</summary>
    public static double[] Lowess(double[] x, double[] y, double fraction = 0.3, int robustnessIterations = 2)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y must have the same length", nameof(y));
        }

        var n = x.Length;
        var fitted = new double[n];
        if (n == 0)
        {
            return fitted;
        }

        var k = Math.Clamp((int)Math.Ceiling(fraction * n), Math.Min(2, n), n);
        var robust = new double[n];
        Array.Fill(robust, 1.0);
        var residual = new double[n];
        for (var iteration = 0; iteration <= robustnessIterations; iteration++)
        {
            var lo = 0;
            for (var i = 0; i < n; i++)
            {
                // Slide the window of the k nearest neighbours of x[i].
                while (lo + k < n && x[i] - x[lo] > x[lo + k] - x[i])
                {
                    lo++;
                }

                fitted[i] = LocalLinear(x, y, robust, lo, lo + k, x[i]);
            }

            if (iteration == robustnessIterations)
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                residual[i] = Math.Abs(y[i] - fitted[i]);
            }

            var copy = (double[])residual.Clone();
            var six = 6 * RobustStatistics.Median(copy);
            if (!(six > 0))
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                var u = residual[i] / six;
                robust[i] = u < 1 ? (1 - (u * u)) * (1 - (u * u)) : 0;
            }
        }

        return fitted;
    }

    /// <summary>Tricube-weighted local line over [lo, hi) evaluated at x0 (Cleveland 1979).</summary>
    private static double LocalLinear(double[] x, double[] y, double[] robust, int lo, int hi, double x0)
    {
        var h = Math.Max(x0 - x[lo], x[hi - 1] - x0);
        double sw = 0, sx = 0, sy = 0;
        Span<double> weights = hi - lo <= 512 ? stackalloc double[hi - lo] : new double[hi - lo];
        for (var j = lo; j < hi; j++)
        {
            var u = h > 0 ? Math.Abs(x[j] - x0) / (h * 1.0000001) : 0;
            var c = 1 - (u * u * u);
            var w = c > 0 ? c * c * c * robust[j] : 0;
            weights[j - lo] = w;
            sw += w;
            sx += w * x[j];
            sy += w * y[j];
        }

        if (!(sw > 0))
        {
            return y[Math.Clamp(Array.BinarySearch(x, lo, hi - lo, x0) is var b && b >= 0 ? b : ~b, lo, hi - 1)];
        }

        double mx = sx / sw, my = sy / sw, sxx = 0, sxy = 0;
        for (var j = lo; j < hi; j++)
        {
            var dx = x[j] - mx;
            sxx += weights[j - lo] * dx * dx;
            sxy += weights[j - lo] * dx * (y[j] - my);
        }

        return sxx > 1e-12 * sw * (h * h + 1e-300) ? my + (sxy / sxx * (x0 - mx)) : my;
    }
}
