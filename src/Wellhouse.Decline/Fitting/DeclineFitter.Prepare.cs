namespace Wellhouse.Decline;

/// <summary>The fitted segment and the history facts a fit reports.</summary>
internal sealed record PreparedSeries(
    FitData Data, double T0, IReadOnlyList<SeriesSegment> Segments, int FittedSegment, double HistoryCumulative,
    double LastDay, int NegativePeriods = 0);

public static partial class DeclineFitter
{
    /// <summary>
    /// Validates the series and builds the fit points: producing-day rate = rate x period days / days on
    /// (docs/domain.md), uptime weight = days on / period days, time at mid-period; zero, NaN and shut-in periods
    /// (uptime below <see cref="FitOptions.MinUptime"/>) are left out. A negative rate (a correction month, as NPD
    /// reports them) is netted: its volume is subtracted from the history cumulative, the period is left out of the
    /// fit, and it is counted (<see cref="DeclineFit.NegativePeriods"/>). Then finds the segments and keeps the last
    /// one with enough points, from its peak on.
    /// </summary>
    internal static PreparedSeries? Prepare(ProductionSeries series, FitOptions options, out FitResult? failure)
    {
        failure = Validate(series);
        if (failure is not null)
        {
            return null;
        }

        var n = series.Count;
        var starts = series.StartArray;
        var rates = series.RateArray;
        var periods = series.PeriodArray;
        var daysOn = series.DaysOnArray;
        var t = ScratchBuffers.Times(n);
        var y = ScratchBuffers.LogRates(n);
        var w = ScratchBuffers.Weights(n);
        var index = ScratchBuffers.Indexes(n);
        var used = 0;
        var cumulative = 0.0;
        var negatives = 0;
        for (var i = 0; i < n; i++)
        {
            var rate = rates[i];
            var period = periods[i];
            if (rate < 0)
            {
                cumulative += rate * period;
                negatives++;
                continue;
            }

            if (!double.IsFinite(rate) || rate <= 0)
            {
                continue;
            }

            cumulative += rate * period;
            var on = daysOn is not null && double.IsFinite(daysOn[i]) ? daysOn[i] : period;
            var uptime = Math.Min(on / period, 1);
            if (uptime < options.MinUptime || on <= 0)
            {
                continue;
            }

            t[used] = starts[i] + (period / 2);
            y[used] = rate * period / Math.Min(on, period);
            w[used] = uptime;
            index[used] = i;
            used++;
        }

        if (used == 0)
        {
            failure = FitResult.CannotFit(CannotFitReason.NoProduction, "no period has a positive rate and producing days");
            return null;
        }

        VectorMath.LogInPlace(y.AsSpan(0, used));

        var bounds = SegmentDetector.Detect(y.AsSpan(0, used), options.RestartFactor, options.MinPoints, options.DetectRestarts,
            options.StartAtPeak);
        var segments = new List<SeriesSegment>(bounds.Count);
        var fitted = -1;
        for (var s = 0; s < bounds.Count; s++)
        {
            var (start, end) = bounds[s];
            var first = index[start];
            var last = index[end - 1];
            segments.Add(new SeriesSegment(series.Start[first], series.Start[last] + series.PeriodDays[last],
                series.Origin?.AddDays((int)series.Start[first]), end - start, Math.Exp(y[start])));
            if (end - start >= options.MinPoints)
            {
                fitted = s;
            }
        }

        if (fitted < 0)
        {
            failure = FitResult.CannotFit(CannotFitReason.TooFewPoints,
                $"{bounds[^1].End - bounds[^1].Start} producing period(s) from the peak on; at least {options.MinPoints} needed");
            return null;
        }

        var (from, to) = bounds[fitted];
        var t0 = starts[index[from]];
        var count = to - from;
        var ft = new double[count];
        var fy = new double[count];
        var fw = new double[count];
        Array.Copy(y, from, fy, 0, count);
        Array.Copy(w, from, fw, 0, count);
        for (var i = 0; i < count; i++)
        {
            ft[i] = t[from + i] - t0;
        }

        var lastDay = starts[n - 1] + periods[n - 1] - t0;
        return new PreparedSeries(new FitData(ft, fy, fw), t0, segments, fitted, Math.Max(cumulative, 0), lastDay, negatives);
    }

    private static FitResult? Validate(ProductionSeries series)
    {
        if (series.ShapeError is { } shape)
        {
            return FitResult.CannotFit(CannotFitReason.InvalidInput, shape);
        }

        if (series.Count == 0)
        {
            return FitResult.CannotFit(CannotFitReason.EmptySeries, "the series has no periods");
        }

        var starts = series.StartArray;
        var rates = series.RateArray;
        var daysOn = series.DaysOnArray;
        for (var i = 0; i < starts.Length; i++)
        {
            if (!double.IsFinite(starts[i]))
            {
                return FitResult.CannotFit(CannotFitReason.InvalidInput, $"period {i}: time is not a finite number", i);
            }

            if (i > 0 && starts[i] <= starts[i - 1])
            {
                var what = starts[i] == starts[i - 1] ? "duplicates" : "is before";
                return FitResult.CannotFit(CannotFitReason.UnsortedOrDuplicateTimes,
                    $"period {i}: time {starts[i]} {what} the previous period's time {starts[i - 1]}", i);
            }

            if (daysOn is not null && daysOn[i] < 0)
            {
                return FitResult.CannotFit(CannotFitReason.NegativeValue, $"period {i}: days on {daysOn[i]} is negative", i);
            }
        }

        return null;
    }
}
