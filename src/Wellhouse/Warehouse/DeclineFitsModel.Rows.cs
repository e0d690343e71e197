using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Warehouse;

/// <summary>Writing the rows of <c>int_decline_fits</c>: one per well and stream.</summary>
internal sealed partial class DeclineFitsModel
{
    /// <summary>The table's columns: a series' well and stream, its fit (NULL without one) and forecast as lists.</summary>
    private static readonly ModelColumn[] Columns =
    [
        ModelColumn.Integer("well_code"),
        ModelColumn.Text("stream"),
        ModelColumn.Text("model"),
        ModelColumn.Double("qi"),
        ModelColumn.Double("di_nominal_per_year"),
        ModelColumn.Double("b"),
        ModelColumn.Double("dmin_per_year"),
        ModelColumn.Double("di_per_day"),
        ModelColumn.Double("dlim_per_day"),
        ModelColumn.Double("duong_a_per_day"),
        ModelColumn.Double("duong_m"),
        ModelColumn.Double("tau_days"),
        ModelColumn.Double("stretch_n"),
        ModelColumn.Date("t0_date"),
        ModelColumn.Integer("segment"),
        ModelColumn.Double("log_sigma"),
        ModelColumn.Double("remaining_p50"),
        ModelColumn.Double("remaining_p10"),
        ModelColumn.Double("remaining_p90"),
        ModelColumn.Date("eur_end_date"),
        ModelColumn.Text("eur_limited_by"),
        ModelColumn.DateList("forecast_months"),
        ModelColumn.DoubleList("forecast_p50"),
        ModelColumn.DoubleList("forecast_p10"),
        ModelColumn.DoubleList("forecast_p90"),
    ];

    /// <summary>Appends the fit of a series, or a row with NULL parameters and forecast when it could not be fit.
    /// Forecast rates are the bootstrap's percentiles of the month's average rate at full uptime, floored at zero (the
    /// bootstrap can return -1e-17 for a rate that has declined to nothing).</summary>
    private static void AppendFit(ModelWriter writer, WellSeries series, WellDeclineFit? fit)
    {
        writer.StartRow();
        writer.Write(series.WellCode);
        writer.Write(series.Stream);
        if (fit is null)
        {
            writer.WriteNulls(Columns.Length - 2);
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

        writer.Write(fit.Model);
        writer.Write(fit.Qi);
        writer.Write(fit.DiNominalPerYear);
        writer.Write(fit.B);
        writer.Write(fit.DminPerYear);
        writer.Write(fit.Curve.DiPerDay);
        writer.Write(fit.Curve.DlimPerDay);
        writer.Write(fit.Curve.DuongA);
        writer.Write(fit.Curve.DuongM);
        writer.Write(fit.Curve.TauDays);
        writer.Write(fit.Curve.N);
        writer.Write(fit.T0);
        writer.Write(fit.Segment);
        writer.Write(fit.LogSigma);
        writer.Write(fit.Remaining.P50);
        writer.Write(fit.Remaining.P10);
        writer.Write(fit.Remaining.P90);
        writer.Write(fit.Remaining.EndDate);
        writer.Write(fit.Remaining.LimitedBy);
        writer.Write(months);
        writer.Write(p50);
        writer.Write(p10);
        writer.Write(p90);
    }
}
