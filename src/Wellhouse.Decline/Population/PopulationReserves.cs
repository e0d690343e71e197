namespace Wellhouse.Decline;

/// <summary>
/// A well's remaining volume from a population forecast (<see cref="PopulationForecaster"/>) to the economic limit or a
/// time cap: the forecast's monthly volumes while the month's producing-day rate (volume / calendar days / uptime) is
/// at or above the limit and the month starts before the cap, then, when the forecast's months run out first, the
/// well's terminal decline: a modified hyperbolic (Robertson 1988) from the last month's rate, with the decline of the
/// forecast's last year (at least Dlim) as its initial decline, the own fit's b (0 without a fit), exponential at Dlim
/// once its decline falls to it, at the well's uptime. Each of P10, P50 and P90 runs from its own months' volumes, so
/// the low estimate reaches the limit first. The time cap counts from the as-of date (the first forecast month): a cap
/// from first production would leave nothing to a field producing for 40 years. EUR = cumulative to the as-of date +
/// <see cref="P50"/>.
/// </summary>
/// <param name="P10">High estimate of the remaining volume (kbbl or MMcf).</param>
/// <param name="P50">Median estimate.</param>
/// <param name="P90">Low estimate.</param>
/// <param name="EndDate">Where the P50 stops: the first day it no longer counts.</param>
/// <param name="LimitedBy">"economic_limit" or "time_cap": what stops the P50.</param>
/// <param name="TailP50">The part of <see cref="P50"/> after the forecast's months.</param>
public sealed record PopulationReserves(double P10, double P50, double P90, DateOnly EndDate, string LimitedBy, double TailP50)
{
    /// <summary>The remaining volumes of <paramref name="forecast"/>, or null when it has no months (a reason).</summary>
    /// <param name="forecast">A well's population forecast from the as-of date.</param>
    /// <param name="economicLimitRate">The economic limit, a producing-day rate in the forecast's volume unit per day.</param>
    /// <param name="timeCapYears">The time cap, in years after the as-of date (the forecast's first month).</param>
    /// <param name="dminEffectivePerYear">The terminal decline, effective per year (the modified hyperbolic's Dmin).</param>
    public static PopulationReserves? Of(WellPopulationForecast forecast, double economicLimitRate, double timeCapYears, double dminEffectivePerYear)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (forecast.Months.Count == 0 || forecast.Tail is not { } tail)
        {
            return null;
        }

        var cap = forecast.Months[0].Month.AddDays((int)Math.Round(timeCapYears * DeclineConversions.DaysPerYear));
        var dlim = DeclineConversions.TerminalDeclinePerDay(dminEffectivePerYear);
        var decline = LastYearDecline(forecast.Months, dlim);
        var b = Math.Clamp(tail.B ?? 0, 0, 2);
        var p50 = Remaining(forecast.Months, m => m.VolumeP50, tail.Uptime, economicLimitRate, cap, decline, b, dlim);
        var p10 = Remaining(forecast.Months, m => m.VolumeP10, tail.Uptime, economicLimitRate, cap, decline, b, dlim);
        var p90 = Remaining(forecast.Months, m => m.VolumeP90, tail.Uptime, economicLimitRate, cap, decline, b, dlim);
        return new PopulationReserves(
            Math.Max(p10.Volume, p50.Volume), p50.Volume, Math.Min(p90.Volume, p50.Volume), p50.End, p50.LimitedBy, p50.Tail);
    }

    /// <summary>The nominal decline per day of the P50 over the forecast's last 12 months (fewer when it is shorter),
    /// at least <paramref name="dlim"/>.</summary>
    private static double LastYearDecline(IReadOnlyList<PopulationForecastMonth> months, double dlim)
    {
        var last = months.Count - 1;
        var back = Math.Max(last - 12, 0);
        var (early, late) = (months[back], months[last]);
        if (last == back || !(early.VolumeP50 > 0) || !(late.VolumeP50 > 0))
        {
            return dlim;
        }

        var days = late.Month.DayNumber - early.Month.DayNumber;
        var rates = (early.VolumeP50 / MonthIndex.Days(MonthIndex.Of(early.Month))) / (late.VolumeP50 / MonthIndex.Days(MonthIndex.Of(late.Month)));
        return Math.Max(Math.Log(rates) / days, dlim);
    }

    private static (double Volume, DateOnly End, string LimitedBy, double Tail) Remaining(
        IReadOnlyList<PopulationForecastMonth> months, Func<PopulationForecastMonth, double> volume, double uptime,
        double limit, DateOnly cap, double decline, double b, double dlim)
    {
        var total = 0.0;
        foreach (var month in months)
        {
            if (month.Month >= cap)
            {
                return (total, cap, "time_cap", 0);
            }

            var days = MonthIndex.Days(MonthIndex.Of(month.Month));
            if (!(volume(month) / days / uptime >= limit))
            {
                return (total, month.Month, "economic_limit", 0);
            }

            total += volume(month);
        }

        var lastMonth = months[^1].Month;
        var start = lastMonth.AddMonths(1);
        var rate = volume(months[^1]) / MonthIndex.Days(MonthIndex.Of(lastMonth)) / uptime;
        var curve = new ModifiedHyperbolicModel(rate, decline, b, dlim);
        var left = cap.DayNumber - start.DayNumber;
        var toLimit = curve.TimeToRate(limit);
        var end = Math.Min(toLimit, left);
        var tail = curve.Cumulative(end) * uptime;
        return (total + tail, start.AddDays((int)Math.Round(end)), toLimit < left ? "economic_limit" : "time_cap", tail);
    }
}
