namespace Wellhouse.Decline;

public sealed partial class DeclineFit
{
    /// <summary>
    /// Forecasts from the end of the history, daily or monthly, until <see cref="ForecastOptions.Periods"/> periods or
    /// the economic limit, with P10/P50/P90 from a residual bootstrap (Efron and Tibshirani 1993, ch. 9: refit the
    /// model to fitted values plus resampled residuals; residuals are clipped at 3 robust standard deviations so
    /// that the outliers the robust fit ignored do not widen the band). Deterministic for a given seed.
    /// </summary>
    public Forecast Forecast(ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } error)
        {
            throw new ArgumentException(error, nameof(options));
        }

        var periods = ForecastPeriods(options);
        var samples = Bootstrap(options, periods, out var eurSamples);
        var points = new List<ForecastPoint>(periods.Count);
        var cumulative = HistoryCumulative;
        var column = new double[samples.Count];
        for (var j = 0; j < periods.Count; j++)
        {
            var (date, start, days) = periods[j];
            var volume = Model.Cumulative(start + days - StartDay) - Model.Cumulative(start - StartDay);
            cumulative += volume;
            var rate = volume / days;
            for (var s = 0; s < samples.Count; s++)
            {
                column[s] = samples[s][j];
            }

            var (p10, p50, p90) = samples.Count > 0 ? Percentiles(column) : (rate, rate, rate);
            points.Add(new ForecastPoint(date, start, days, rate, volume, cumulative, p10, p50, p90));
        }

        var eur = Eur(options.EconomicLimitRate, options.TimeCapDays);
        var (e10, e50, e90) = eurSamples.Length > 0 ? Percentiles(eurSamples) : (eur, eur, eur);
        return new Forecast(points, eur, e10, e50, e90, eurSamples.Length);
    }

    /// <summary>The forecast periods after the history: (date, start in series days, days).</summary>
    private List<(DateOnly? Date, double Start, double Days)> ForecastPeriods(ForecastOptions options)
    {
        var list = new List<(DateOnly?, double, double)>();
        var monthly = options.Frequency != SeriesFrequency.Daily;
        var start = StartDay + HistoryEndDay;
        var origin = StartDate?.AddDays(-(int)Math.Round(StartDay));
        var date = origin?.AddDays((int)Math.Round(start));
        for (var j = 0; j < options.Periods; j++)
        {
            double days = 1;
            if (monthly)
            {
                days = date is { } d ? DateTime.DaysInMonth(d.Year, d.Month) - d.Day + 1 : DeclineConversions.DaysPerYear / 12;
            }

            var t = start - StartDay;
            if (options.StopAtEconomicLimit && options.EconomicLimitRate > 0 && Model.Rate(t) < options.EconomicLimitRate)
            {
                break;
            }

            list.Add((date, start, days));
            start += days;
            date = date?.AddDays((int)days);
        }

        return list;
    }

    /// <summary>P10 (90th percentile), P50, P90 (10th percentile) by linear interpolation; sorts the values.</summary>
    private static (double P10, double P50, double P90) Percentiles(double[] values)
    {
        Array.Sort(values);
        return (Quantile(values, 0.9), Quantile(values, 0.5), Quantile(values, 0.1));
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
