namespace Wellhouse.Warehouse;

/// <summary>
/// One well's history of one stream, in period order: the period start dates, the producing-day rates (NaN when the
/// well did not produce or the rate is missing), the calendar-day rates as reported (NaN when missing), the producing
/// days and the calendar days of each period.
/// </summary>
internal sealed class WellSeries(int wellCode, string stream, bool monthly)
{
    public int WellCode { get; } = wellCode;

    public string Stream { get; } = stream;

    /// <summary>True when the well reports monthly periods, false for daily ones.</summary>
    public bool Monthly { get; } = monthly;

    public List<DateOnly> Periods { get; } = [];

    public List<double> Rates { get; } = [];

    public List<double> CalendarRates { get; } = [];

    public List<double> DaysOn { get; } = [];

    public List<double> PeriodDays { get; } = [];

    public int Count => Periods.Count;

    public void Add(DateOnly period, double? rate, double? daysOn, double periodDays, double? calendarRate = null)
    {
        Periods.Add(period);
        Rates.Add(rate is { } value && double.IsFinite(value) ? value : double.NaN);
        CalendarRates.Add(calendarRate is { } calendar && double.IsFinite(calendar) ? calendar : double.NaN);
        DaysOn.Add(daysOn ?? 0);
        PeriodDays.Add(periodDays);
    }
}
