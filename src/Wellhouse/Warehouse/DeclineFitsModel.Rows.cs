using DuckDB.NET.Data;

namespace Wellhouse.Warehouse;

/// <summary>Writing the rows of <c>int_decline_fits</c>: one per well and stream.</summary>
internal sealed partial class DeclineFitsModel
{
    /// <summary>The columns after well_code and stream (see CreateTargetAsync): NULL for a series without a fit.</summary>
    private const int FitColumns = 23;

    /// <summary>Appends the fit of a series, or a row with NULL parameters and forecast when it could not be fit.
    /// Forecast rates are the bootstrap's percentiles of the month's average rate at full uptime, floored at zero (the
    /// bootstrap can return -1e-17 for a rate that has declined to nothing).</summary>
    private static void AppendFit(DuckDBAppender appender, WellSeries series, WellDeclineFit? fit)
    {
        var row = appender.CreateRow().AppendValue(series.WellCode).AppendValue(series.Stream);
        if (fit is null)
        {
            for (var column = 0; column < FitColumns; column++)
            {
                row.AppendNullValue();
            }

            row.EndRow();
            return;
        }

        var months = new List<DateOnly>(fit.Forecast.Count);
        var p50 = new List<double>(fit.Forecast.Count);
        var p10 = new List<double>(fit.Forecast.Count);
        var p90 = new List<double>(fit.Forecast.Count);
        foreach (var point in fit.Forecast)
        {
            if (point.Date is { } month)
            {
                months.Add(month);
                p50.Add(Math.Max(point.RateP50, 0));
                p10.Add(Math.Max(point.RateP10, 0));
                p90.Add(Math.Max(point.RateP90, 0));
            }
        }

        row.AppendValue(fit.Model)
            .AppendValue(fit.Qi)
            .AppendValue(fit.DiNominalPerYear)
            .AppendValue(fit.B)
            .AppendValue(fit.DminPerYear)
            .AppendValue(fit.Curve.DiPerDay)
            .AppendValue(fit.Curve.DlimPerDay)
            .AppendValue(fit.Curve.DuongA)
            .AppendValue(fit.Curve.DuongM)
            .AppendValue(fit.Curve.TauDays)
            .AppendValue(fit.Curve.N)
            .AppendValue(fit.T0)
            .AppendValue(fit.Segment)
            .AppendValue(fit.LogSigma)
            .AppendValue(fit.Remaining.P50)
            .AppendValue(fit.Remaining.P10)
            .AppendValue(fit.Remaining.P90)
            .AppendValue(fit.Remaining.EndDate)
            .AppendValue(fit.Remaining.LimitedBy)
            .AppendValue(months)
            .AppendValue(p50)
            .AppendValue(p10)
            .AppendValue(p90)
            .EndRow();
    }
}
