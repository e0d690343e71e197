namespace Wellhouse.Warehouse;

/// <summary>
/// Robust locally weighted linear regression (LOWESS, Cleveland 1979, JASA 74:829): for each point, a weighted line
/// through its <c>neighbors</c> nearest points in x with tricube distance weights, then robustness iterations that
/// down-weight large residuals with the bisquare function of residual / (6 x median |residual|). Points must be sorted
/// by x. Interim trendline until the Wellhouse.Decline library's trendline lands.
/// </summary>
internal static class Lowess
{
    public static double[] Smooth(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights, int neighbors, int robustnessIterations)
    {
        var n = x.Length;
        var fitted = new double[n];
        if (n == 0)
        {
            return fitted;
        }

        var k = Math.Clamp(neighbors, 1, n);
        var robustness = new double[n];
        Array.Fill(robustness, 1.0);
        var residuals = new double[n];
        for (var iteration = 0; iteration <= robustnessIterations; iteration++)
        {
            var left = 0;
            for (var i = 0; i < n; i++)
            {
                // Slide the window of k points so that it stays the k nearest to x[i].
                while (left + k < n && x[left + k] - x[i] < x[i] - x[left])
                {
                    left++;
                }

                fitted[i] = LocalLine(x, y, weights, robustness, left, left + k, x[i]);
            }

            if (iteration == robustnessIterations)
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                residuals[i] = Math.Abs(y[i] - fitted[i]);
            }

            var scale = 6 * Median(residuals);
            for (var i = 0; i < n; i++)
            {
                var u = scale > 0 ? residuals[i] / scale : 0;
                robustness[i] = u < 1 ? (1 - (u * u)) * (1 - (u * u)) : 0;
            }
        }

        return fitted;
    }

    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double LocalLine(
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights, double[] robustness, int from, int to, double at)
    {
        var reach = Math.Max(at - x[from], x[to - 1] - at) * 1.000001;
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var j = from; j < to; j++)
        {
            var d = reach > 0 ? Math.Abs(x[j] - at) / reach : 0;
            var cube = 1 - (d * d * d);
            var tricube = d < 1 ? cube * cube * cube : 0;
            var w = tricube * robustness[j] * weights[j];
            sw += w;
            sx += w * x[j];
            sy += w * y[j];
            sxx += w * x[j] * x[j];
            sxy += w * x[j] * y[j];
        }

        if (sw <= 0)
        {
            return y[Math.Clamp((from + to) / 2, 0, y.Length - 1)];
        }

        var meanX = sx / sw;
        var meanY = sy / sw;
        var variance = (sxx / sw) - (meanX * meanX);
        if (variance <= 1e-12 * Math.Max(1, meanX * meanX))
        {
            return meanY;
        }

        var slope = ((sxy / sw) - (meanX * meanY)) / variance;
        return meanY + (slope * (at - meanX));
    }
}
