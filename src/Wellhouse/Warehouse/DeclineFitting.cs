namespace Wellhouse.Warehouse;

/// <summary>
/// The one place where the warehouse fits a decline curve to a well's history. Until the Wellhouse.Decline library
/// lands this is an interim fit: an exponential Arps decline (Arps 1945, q = qi e^(-Di t)) from the peak rate, by
/// least squares on ln q weighted by uptime, ignoring periods without production (DOMAIN.md, "Fitting practice").
/// </summary>
internal static class DeclineFitting
{
    /// <summary>Days per year for nominal declines (DOMAIN.md: per day x 365.25).</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>Fits the series; null when it cannot be fit (fewer than three producing periods after the peak).</summary>
    public static DeclineFit? Fit(WellSeries series, DeclineFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        var peak = -1;
        for (var i = 0; i < series.Count; i++)
        {
            if (series.Rates[i] > 0 && (peak < 0 || series.Rates[i] > series.Rates[peak]))
            {
                peak = i;
            }
        }

        if (peak < 0)
        {
            return null;
        }

        var t0 = series.Periods[peak];
        double sw = 0, st = 0, sy = 0, stt = 0, sty = 0;
        var points = 0;
        for (var i = peak; i < series.Count; i++)
        {
            var rate = series.Rates[i];
            if (!(rate > 0))
            {
                continue;
            }

            var weight = Math.Clamp(series.DaysOn[i] / series.PeriodDays[i], 0.05, 1);
            var t = MidPeriodDays(series, i, t0);
            var y = Math.Log(rate);
            sw += weight;
            st += weight * t;
            sy += weight * y;
            stt += weight * t * t;
            sty += weight * t * y;
            points++;
        }

        var denominator = (sw * stt) - (st * st);
        if (points < 3 || denominator <= 0)
        {
            return null;
        }

        var slope = ((sw * sty) - (st * sy)) / denominator;
        var intercept = (sy - (slope * st)) / sw;
        var di = Math.Max(-slope, 0);
        var qi = Math.Exp(intercept);
        var sigma = ResidualSigma(series, peak, t0, qi, di);
        return new DeclineFit("exponential", qi, di * DaysPerYear, 0, null, t0, 1, sigma, t => qi * Math.Exp(-di * t));
    }

    /// <summary>Days from <paramref name="t0"/> to the middle of period <paramref name="index"/>.</summary>
    public static double MidPeriodDays(WellSeries series, int index, DateOnly t0) =>
        series.Periods[index].DayNumber - t0.DayNumber + (series.PeriodDays[index] / 2);

    private static double ResidualSigma(WellSeries series, int peak, DateOnly t0, double qi, double di)
    {
        double sum = 0, weights = 0;
        for (var i = peak; i < series.Count; i++)
        {
            if (series.Rates[i] > 0)
            {
                var weight = Math.Clamp(series.DaysOn[i] / series.PeriodDays[i], 0.05, 1);
                var residual = Math.Log(series.Rates[i]) - Math.Log(qi) + (di * MidPeriodDays(series, i, t0));
                sum += weight * residual * residual;
                weights += weight;
            }
        }

        return weights > 0 ? Math.Sqrt(sum / weights) : 0;
    }
}
