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
/// segment's peak by the restart factor (a workover or recompletion, which DOMAIN.md asks to refit).
/// </summary>
internal static class SegmentDetector
{
    private const int Window = 5;

    /// <summary>Segment bounds as [start, end) indexes into the valid points.</summary>
    public static List<(int Start, int End)> Detect(
        ReadOnlySpan<double> logRates, double restartFactor, int minPoints, bool detectRestarts, bool startAtPeak)
    {
        var n = logRates.Length;
        Span<double> smooth = n <= 256 ? stackalloc double[n] : new double[n];
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
            else if (detectRestarts && smooth[i] - smooth[trough] > jump && i - peak >= minPoints)
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

    /// <summary>Running median with a centred window, shrinking at the ends.</summary>
    internal static void RunningMedian(ReadOnlySpan<double> values, Span<double> result)
    {
        Span<double> window = stackalloc double[Window];
        var half = Window / 2;
        for (var i = 0; i < values.Length; i++)
        {
            var lo = Math.Max(0, i - half);
            var hi = Math.Min(values.Length, i + half + 1);
            var m = hi - lo;
            for (var j = 0; j < m; j++)
            {
                // Insertion sort of at most five values.
                var v = values[lo + j];
                var k = j - 1;
                while (k >= 0 && window[k] > v)
                {
                    window[k + 1] = window[k];
                    k--;
                }

                window[k + 1] = v;
            }

            result[i] = (m & 1) == 1 ? window[m / 2] : 0.5 * (window[(m / 2) - 1] + window[m / 2]);
        }
    }
}
