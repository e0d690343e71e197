using System.Buffers;
using System.Runtime.Intrinsics;

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

        // The windows and their tricube weights depend on x alone: computed once, used by every iteration.
        var k = Math.Clamp(neighbors, 1, n);
        var lefts = new int[n];
        var tricubes = ArrayPool<double>.Shared.Rent(n * k);
        try
        {
            var left = 0;
            for (var i = 0; i < n; i++)
            {
                // Slide the window of k points so that it stays the k nearest to x[i].
                while (left + k < n && x[left + k] - x[i] < x[i] - x[left])
                {
                    left++;
                }

                lefts[i] = left;
                Tricubes(x.Slice(left, k), x[i], tricubes, i, n);
            }

            var robustness = new double[n];
            Array.Fill(robustness, 1.0);
            var residuals = new double[n];
            for (var iteration = 0; iteration <= robustnessIterations; iteration++)
            {
                LocalLines(new Points(x, y, weights, robustness, tricubes, lefts, k), fitted);

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
        }
        finally
        {
            ArrayPool<double>.Shared.Return(tricubes);
        }

        return fitted;
    }

    /// <summary>The median (the mean of the two middle values for an even count), in the order Array.Sort
    /// uses (NaN below every number), found by selection in linear expected time rather than by sorting the copy.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        // NaNs first, as Array.Sort orders them; the numbers after them are then selected with plain comparisons.
        var copy = new double[values.Length];
        var nans = 0;
        var numbers = values.Length;
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                copy[nans++] = value;
            }
            else
            {
                copy[--numbers] = value;
            }
        }

        // The numbers' own k-th smallest is the value a sort of the whole copy would put at index nans + k
        // (Wellhouse.Decline's selection, the one its robust fits use).
        var middle = copy.Length / 2;
        if (middle < nans)
        {
            return double.NaN;
        }

        var sorted = copy.AsSpan(nans);
        var upper = Wellhouse.Decline.RobustStatistics.Select(sorted, middle - nans);
        if (copy.Length % 2 == 1)
        {
            return upper;
        }

        if (middle - 1 < nans)
        {
            return double.NaN;
        }

        // After the selection every number left of it is at most the selected value: the largest of them is the value
        // a sort would put at middle - 1.
        var lower = double.NegativeInfinity;
        for (var i = 0; i < middle - nans; i++)
        {
            lower = Math.Max(lower, sorted[i]);
        }

        return (lower + upper) / 2;
    }

    /// <summary>The tricube weight (1 - d^3)^3 of each point of the window of point <paramref name="i"/>, d = distance
    /// to <paramref name="at"/> over the window's reach (its largest distance, widened by 1e-6 so that the farthest
    /// point keeps a small weight), stored neighbour-major: neighbour j of point i at j x n + i.</summary>
    private static void Tricubes(ReadOnlySpan<double> window, double at, double[] tricubes, int i, int n)
    {
        var reach = Math.Max(at - window[0], window[^1] - at) * 1.000001;
        for (var j = 0; j < window.Length; j++)
        {
            var d = reach > 0 ? Math.Abs(window[j] - at) / reach : 0;
            var cube = 1 - (d * d * d);
            tricubes[(j * n) + i] = d < 1 ? cube * cube * cube : 0;
        }
    }

    /// <summary>
    /// The weighted least-squares line of every point's window (point weight = tricube x robustness x uptime weight),
    /// evaluated at the point. Four points whose windows start at consecutive indices (the interior of a daily series)
    /// are fitted at once in the lanes of a 256-bit vector: each lane does the scalar path's multiplications and
    /// additions in the same order (no fused multiply-add), so the results are bitwise the same.
    /// </summary>
    private static void LocalLines(in Points points, double[] fitted)
    {
        var n = points.X.Length;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            const int Lanes = 4;
            for (; i + Lanes <= n; i += Lanes)
            {
                var from = points.Lefts[i];
                if (points.Lefts[i + 1] != from + 1 || points.Lefts[i + 2] != from + 2 || points.Lefts[i + 3] != from + 3)
                {
                    for (var lane = 0; lane < Lanes; lane++)
                    {
                        fitted[i + lane] = LocalLine(points, i + lane);
                    }

                    continue;
                }

                Vector256<double> sw = default, sx = default, sy = default, sxx = default, sxy = default;
                for (var j = 0; j < points.K; j++)
                {
                    var at = from + j;
                    var w = Vector256.Create(points.Tricubes.AsSpan((j * n) + i, Lanes))
                        * Vector256.Create(points.Robustness.AsSpan(at, Lanes))
                        * Vector256.Create(points.Weights.Slice(at, Lanes));
                    var xs = Vector256.Create(points.X.Slice(at, Lanes));
                    var ys = Vector256.Create(points.Y.Slice(at, Lanes));
                    var wx = w * xs;
                    sw += w;
                    sx += wx;
                    sy += w * ys;
                    sxx += wx * xs;
                    sxy += wx * ys;
                }

                for (var lane = 0; lane < Lanes; lane++)
                {
                    fitted[i + lane] = Line(points, i + lane, (sw[lane], sx[lane], sy[lane], sxx[lane], sxy[lane]));
                }
            }
        }

        for (; i < n; i++)
        {
            fitted[i] = LocalLine(points, i);
        }
    }

    private static double LocalLine(in Points points, int i)
    {
        var n = points.X.Length;
        var from = points.Lefts[i];
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var j = 0; j < points.K; j++)
        {
            var at = from + j;
            var w = points.Tricubes[(j * n) + i] * points.Robustness[at] * points.Weights[at];
            sw += w;
            sx += w * points.X[at];
            sy += w * points.Y[at];
            sxx += w * points.X[at] * points.X[at];
            sxy += w * points.X[at] * points.Y[at];
        }

        return Line(points, i, (sw, sx, sy, sxx, sxy));
    }

    /// <summary>The line through point <paramref name="i"/>'s window from its weighted sums, at x[i].</summary>
    private static double Line(in Points points, int i, (double W, double X, double Y, double Xx, double Xy) sums)
    {
        if (sums.W <= 0)
        {
            return points.Y[Math.Clamp(points.Lefts[i] + (points.K / 2), 0, points.Y.Length - 1)];
        }

        var meanX = sums.X / sums.W;
        var meanY = sums.Y / sums.W;
        var variance = (sums.Xx / sums.W) - (meanX * meanX);
        if (variance <= 1e-12 * Math.Max(1, meanX * meanX))
        {
            return meanY;
        }

        var slope = ((sums.Xy / sums.W) - (meanX * meanY)) / variance;
        return meanY + (slope * (points.X[i] - meanX));
    }

    /// <summary>A series' points and, per point, its window (first index, <see cref="K"/> neighbours) and tricube
    /// weights; the robustness weights change between iterations.</summary>
    private readonly ref struct Points(
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights, double[] robustness, double[] tricubes, int[] lefts, int k)
    {
        public ReadOnlySpan<double> X { get; } = x;

        public ReadOnlySpan<double> Y { get; } = y;

        public ReadOnlySpan<double> Weights { get; } = weights;

        public double[] Robustness { get; } = robustness;

        public double[] Tricubes { get; } = tricubes;

        public int[] Lefts { get; } = lefts;

        public int K { get; } = k;
    }
}
