using System.Runtime.Intrinsics;

namespace Wellhouse.Decline;

/// <summary>A stretch of history between restarts, as reported with a fit.</summary>
/// <param name="StartDay">Start of the segment's first (peak) period, series days.</param>
/// <param name="EndDay">End of the segment's last period, series days.</param>
/// <param name="StartDate">The first period's date, when the series has dates.</param>
/// <param name="Points">Producing periods in the segment from its peak on.</param>
/// <param name="PeakRate">Producing-day rate at the segment's start, volume per day.</param>
public sealed record SeriesSegment(double StartDay, double EndDay, DateOnly? StartDate, int Points, double PeakRate);

/// <summary>
/// Finds where decline segments start: at the peak of the median-smoothed ln rate (a running median of 5 ignores
/// single outliers; Tukey 1977), and again after a restart, when the smoothed rate rises above the trough since the
/// segment's peak by the restart factor and stays there for the minimum number of points (a workover or recompletion,
/// which docs/domain.md asks to refit).
/// </summary>
internal static class SegmentDetector
{
    private const int Window = 5;

    /// <summary>Segment bounds as [start, end) indexes into the valid points.</summary>
    public static List<(int Start, int End)> Detect(
        ReadOnlySpan<double> logRates, double restartFactor, int minPoints, bool detectRestarts, bool startAtPeak)
    {
        var n = logRates.Length;
        Span<double> smooth = ScratchBuffers.Smooth(n).AsSpan(0, n);
        RunningMedian(logRates, smooth);
        var jump = Math.Log(restartFactor);
        var segments = new List<(int, int)>();
        var peak = 0;
        var trough = 0;
        var declined = false;
        for (var i = 1; i < n; i++)
        {
            if (!declined)
            {
                if (smooth[i] > smooth[peak])
                {
                    peak = i;
                    trough = i;
                }
                else if (smooth[i] < smooth[trough])
                {
                    trough = i;
                    declined = smooth[peak] - smooth[trough] > jump;
                }

                continue;
            }

            if (smooth[i] < smooth[trough])
            {
                trough = i;
            }
            else if (detectRestarts && smooth[i] - smooth[trough] > jump && i - peak >= minPoints
                && Sustained(smooth, i, smooth[trough] + jump, minPoints))
            {
                segments.Add((peak, i));
                peak = i;
                trough = i;
                declined = false;
            }
        }

        segments.Add((peak, n));
        if (!startAtPeak)
        {
            segments[0] = (0, segments[0].Item2);
        }

        return segments;
    }

    /// <summary>A restart must hold: the next <paramref name="count"/> smoothed values all stay above the level
    /// (a noise excursion of the running median does not).</summary>
    private static bool Sustained(ReadOnlySpan<double> smooth, int from, double level, int count)
    {
        if (from + count > smooth.Length)
        {
            return false;
        }

        for (var j = from; j < from + count; j++)
        {
            if (smooth[j] <= level)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Running median with a centred window, shrinking at the ends.</summary>
    internal static void RunningMedian(ReadOnlySpan<double> values, Span<double> result)
    {
        var n = values.Length;
        Span<double> window = stackalloc double[Window];
        var simdEnd = 2;
        if (Vector256.IsHardwareAccelerated)
        {
            // Interior points four at a time with the branch-free network (the log rates are finite: no NaN rules).
            for (; simdEnd + 4 + 2 <= n; simdEnd += 4)
            {
                var a = Vector256.Create(values.Slice(simdEnd - 2, 4));
                var b = Vector256.Create(values.Slice(simdEnd - 1, 4));
                var c = Vector256.Create(values.Slice(simdEnd, 4));
                var d = Vector256.Create(values.Slice(simdEnd + 1, 4));
                var e = Vector256.Create(values.Slice(simdEnd + 2, 4));
                var low = Vector256.MaxNative(Vector256.MinNative(a, b), Vector256.MinNative(c, d));
                var high = Vector256.MinNative(Vector256.MaxNative(a, b), Vector256.MaxNative(c, d));
                Vector256.MaxNative(Vector256.MinNative(e, low), Vector256.MinNative(Vector256.MaxNative(e, low), high))
                    .CopyTo(result.Slice(simdEnd, 4));
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (i >= 2 && i < simdEnd)
            {
                i = simdEnd - 1;
                continue;
            }

            if (i >= 2 && i + 2 < n)
            {
                result[i] = MedianOfFive(values[i - 2], values[i - 1], values[i], values[i + 1], values[i + 2]);
                continue;
            }

            var lo = Math.Max(0, i - (Window / 2));
            var hi = Math.Min(n, i + (Window / 2) + 1);
            var m = hi - lo;
            values[lo..hi].CopyTo(window);
            window[..m].Sort();
            result[i] = (m & 1) == 1 ? window[m / 2] : 0.5 * (window[(m / 2) - 1] + window[m / 2]);
        }
    }

    /// <summary>Median of five values by a selection network (no sorting, no branches on memory). The SIMD pass of
    /// <see cref="RunningMedian"/> uses the equivalent min/max form: the median of e, the larger of the pairs'
    /// minima and the smaller of the pairs' maxima (the minimum and maximum of a, b, c, d cannot be the median).</summary>
    private static double MedianOfFive(double a, double b, double c, double d, double e)
    {
        // Order (a, b) and (c, d), drop the smaller of the two minima and the larger of the two maxima logic:
        // the median of five is the median of three after removing the extremes (Paeth's network).
        if (a > b)
        {
            (a, b) = (b, a);
        }

        if (c > d)
        {
            (c, d) = (d, c);
        }

        if (a > c)
        {
            // a is the smallest of a, b, c, d: drop it; keep b, c, d, e.
            (a, c) = (c, a);
            (b, d) = (d, b);
        }

        // Now a <= c <= d and a <= b: a is the minimum of {a, b, c, d}; replace it by e.
        a = e;
        if (a > b)
        {
            (a, b) = (b, a);
        }

        // Minimum of {a, b, c, d} again is min(a, c); the median is the smaller of the two "second" values.
        if (a > c)
        {
            (a, c) = (c, a);
            (b, d) = (d, b);
        }

        return Math.Min(b, c);
    }
}
