using DuckDB.NET.Data;

namespace Wellhouse.Warehouse;

/// <summary>Writing the history and forecast rows of <c>int_declining_curves</c>.</summary>
internal sealed partial class DecliningCurvesModel
{
    private static void AppendHistory(DuckDBAppender appender, WellSeries series, DeclineFit? fit)
    {
        for (var i = 0; i < series.Count; i++)
        {
            var actual = series.Rates[i];
            double? fitted = null;
            if (fit is not null && series.Periods[i] >= fit.T0)
            {
                fitted = fit.RateAt(DeclineFitting.MidPeriodDays(series, i, fit.T0));
            }

            AppendRow(appender, series, series.Periods[i], false, double.IsNaN(actual) ? null : actual, fitted, fit);
        }
    }

    private static void AppendForecast(DuckDBAppender appender, WellSeries series, DeclineFit fit, int horizonMonths)
    {
        var last = series.Periods[^1];
        var month = new DateOnly(last.Year, last.Month, 1).AddMonths(1);
        for (var m = 0; m < horizonMonths; m++, month = month.AddMonths(1))
        {
            var middle = month.DayNumber + (DateTime.DaysInMonth(month.Year, month.Month) / 2.0);
            var rate = fit.RateAt(middle - fit.T0.DayNumber);
            AppendRow(appender, series, month, true, null, rate, fit);
        }
    }

    private static void AppendRow(
        DuckDBAppender appender, WellSeries series, DateOnly period, bool isForecast, double? actual, double? fitted, DeclineFit? fit)
    {
        var row = appender.CreateRow()
            .AppendValue(series.WellCode)
            .AppendValue(series.Stream)
            .AppendValue(period)
            .AppendValue(isForecast)
            .AppendValue(actual)
            .AppendValue(fitted)
            .AppendValue(fitted is { } p10 && fit is not null ? fit.P10(p10) : null)
            .AppendValue(fitted is { } p90 && fit is not null ? fit.P90(p90) : null);
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
