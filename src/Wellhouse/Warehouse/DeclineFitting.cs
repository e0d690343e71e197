using Wellhouse.Decline;

namespace Wellhouse.Warehouse;

/// <summary>
/// The one place where the warehouse fits a decline curve to a well's history: Wellhouse.Decline's fitter (start at
/// the peak, restarts as segments, robust uptime-weighted log-rate fit, model chosen by BIC) and its monthly forecast
/// with a residual bootstrap for P10/P90 (docs/domain.md, "Decline curves"). Daily histories are fitted on their
/// calendar months (var decline_fit_monthly, default true): the same producing-day rates averaged per month, about
/// 30 times fewer points, which keeps a 10,000-well build within a minute; the fitted curve is still evaluated for
/// every day (in SQL, by the view int_declining_curves). EUR runs to the economic limit of the stream or the time
/// cap (vars economic_limit_oil_kbd, economic_limit_gas_mmcfd, eur_time_cap_years), not to the forecast horizon.
/// </summary>
internal static class DeclineFitting
{
    /// <summary>Fits the series; null when the library reports that it cannot be fit (too few points, no decline...).</summary>
    public static WellDeclineFit? Fit(WellSeries series, DeclineFitOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        if (series.Count == 0)
        {
            return null;
        }

        var production = series.Monthly || !options.FitMonthly
            ? ProductionSeries.FromDates(series.Periods, series.CalendarRates, series.DaysOn, series.Monthly ? SeriesFrequency.Monthly : SeriesFrequency.Daily)
            : MonthlySeries.From(series);
        var result = DeclineFitter.Fit(production, FitOptions.Default with
        {
            MaxB = options.BMax,
            DminEffectivePerYear = options.DminEffectivePerYear,
        });
        if (result.Fit is not { StartDate: { } t0 } fit)
        {
            return null;
        }

        var limit = options.EconomicLimit(series.Stream);
        var capDays = options.EurTimeCapYears * DeclineConversions.DaysPerYear;
        var forecast = fit.Forecast(ForecastOptions.Default with
        {
            Frequency = SeriesFrequency.Monthly,
            Periods = options.HorizonMonths,
            BootstrapSamples = options.BootstrapSamples,
            EconomicLimitRate = limit,
            StopAtEconomicLimit = false,
            TimeCapDays = capDays,
        });
        var endDay = fit.EurEndDay(limit, capDays);
        return new WellDeclineFit(
            DeclineModelNames.Name(fit.Kind),
            fit.Qi,
            fit.DiNominalPerYear,
            fit.B,
            fit.DminNominalPerYear,
            DeclineCurveParameters.Of(fit.Model),
            t0,
            fit.FittedSegment,
            fit.Quality.RmseLogRate,
            forecast.Points,
            new RemainingVolume(
                forecast.Eur - fit.HistoryCumulative,
                Math.Max(forecast.EurP10 - fit.HistoryCumulative, 0),
                Math.Max(forecast.EurP90 - fit.HistoryCumulative, 0),
                t0.AddDays((int)Math.Round(Math.Max(endDay, fit.HistoryEndDay))),
                endDay < capDays ? "economic_limit" : "time_cap"));
    }
}
