using Wellhouse.Decline;

namespace Wellhouse.Warehouse;

/// <summary>
/// A daily history as calendar months for the decline fit: per month, the volume (sum of calendar-day rate x days)
/// over the month's calendar days, and the producing days summed, so that the producing-day rate (volume / producing
/// days) is the month's average. A partly reported month (the first or last) keeps its true producing-day rate.
/// </summary>
internal static class MonthlySeries
{
    public static ProductionSeries From(WellSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var months = new List<DateOnly>();
        var rates = new List<double>();
        var daysOn = new List<double>();
        double volume = 0, producing = 0;
        var any = false;
        for (var i = 0; i < series.Count; i++)
        {
            var month = new DateOnly(series.Periods[i].Year, series.Periods[i].Month, 1);
            if (months.Count == 0 || months[^1] != month)
            {
                Close();
                months.Add(month);
                (volume, producing, any) = (0, 0, false);
            }

            if (double.IsFinite(series.CalendarRates[i]))
            {
                volume += series.CalendarRates[i] * series.PeriodDays[i];
                producing += series.DaysOn[i];
                any = true;
            }
        }

        Close();
        return ProductionSeries.FromDates(months, rates, daysOn, SeriesFrequency.Monthly);

        void Close()
        {
            if (months.Count > rates.Count)
            {
                var days = DateTime.DaysInMonth(months[^1].Year, months[^1].Month);
                rates.Add(any ? volume / days : double.NaN);
                daysOn.Add(producing);
            }
        }
    }
}
