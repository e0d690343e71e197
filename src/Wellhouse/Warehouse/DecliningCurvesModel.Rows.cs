using DuckDB.NET.Data;

namespace Wellhouse.Warehouse;

/// <summary>Writing the history and forecast rows of <c>int_declining_curves</c>.</summary>
internal sealed partial class DecliningCurvesModel
{
    private static void AppendHistory(DuckDBAppender appender, WellSeries series, WellDeclineFit? fit)
    {
        for (var i = 0; i < series.Count; i++)
        {
            var actual = series.Rates[i];
            double? fitted = null, p10 = null, p90 = null;
            if (fit is not null && series.Periods[i] >= fit.T0)
            {
                var rate = fit.RateAt(DeclineFitting.MidPeriodDays(series, i, fit.T0));
                (fitted, p10, p90) = (rate, fit.P10(rate), fit.P90(rate));
            }

            AppendRow(appender, series, series.Periods[i], false, double.IsNaN(actual) ? null : actual, (fitted, p10, p90), fit);
        }
    }

    /// <summary>The forecast months; rates are the bootstrap's percentiles of the month's average rate at full uptime,
    /// floored at zero (the bootstrap can return -1e-17 for a rate that has declined to nothing).</summary>
    private static void AppendForecast(DuckDBAppender appender, WellSeries series, WellDeclineFit fit)
    {
        foreach (var point in fit.Forecast)
        {
            if (point.Date is { } month)
            {
                AppendRow(appender, series, month, true, null, (Math.Max(point.RateP50, 0), Math.Max(point.RateP10, 0), Math.Max(point.RateP90, 0)), fit);
            }
        }
    }

    private static void AppendRow(
        DuckDBAppender appender,
        WellSeries series,
        DateOnly period,
        bool isForecast,
        double? actual,
        (double? P50, double? P10, double? P90) rates,
        WellDeclineFit? fit)
    {
        var row = appender.CreateRow()
            .AppendValue(series.WellCode)
            .AppendValue(series.Stream)
            .AppendValue(period)
            .AppendValue(isForecast)
            .AppendValue(actual)
            .AppendValue(rates.P50)
            .AppendValue(rates.P10)
            .AppendValue(rates.P90);
        if (fit is null)
        {
            row.AppendNullValue().AppendNullValue().AppendNullValue().AppendNullValue().AppendNullValue().AppendNullValue().AppendNullValue();
        }
        else
        {
            row.AppendValue(fit.Model)
                .AppendValue(fit.Qi)
                .AppendValue(fit.DiNominalPerYear)
                .AppendValue(fit.B)
                .AppendValue(fit.DminPerYear)
                .AppendValue(fit.T0)
                .AppendValue(fit.Segment);
        }

        row.EndRow();
    }
}
