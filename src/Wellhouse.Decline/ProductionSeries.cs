namespace Wellhouse.Decline;

/// <summary>How long each reporting period of a series is.</summary>
public enum SeriesFrequency
{
    /// <summary>Monthly when the median gap between dates is at least 27 days, daily otherwise.</summary>
    Auto,

    /// <summary>One-day periods.</summary>
    Daily,

    /// <summary>Calendar-month periods (dates are the first day of the month).</summary>
    Monthly,
}

/// <summary>
/// One well's production history: period start times, calendar-day average rates and optional producing days
/// (docs/domain.md: volume = rate x calendar days of the period; producing-day rate = volume / days on production).
/// Construction never throws for data problems (NaN, negative, unsorted, mismatched lengths):
/// <see cref="DeclineFitter.Fit(ProductionSeries, FitOptions)"/> reports them as a <see cref="CannotFitReason"/>.
/// </summary>
public sealed class ProductionSeries
{
    private ProductionSeries(
        DateOnly? origin, double[] start, double[] periodDays, double[] rates, double[]? daysOn, string? shapeError)
    {
        Origin = origin;
        StartArray = start;
        PeriodArray = periodDays;
        RateArray = rates;
        DaysOnArray = daysOn;
        ShapeError = shapeError;
    }

    /// <summary>The date of t = 0 when the series was built from dates.</summary>
    public DateOnly? Origin { get; }

    /// <summary>Period start, days since <see cref="Origin"/> (or the caller's time origin).</summary>
    public IReadOnlyList<double> Start => StartArray;

    /// <summary>Calendar days of each period.</summary>
    public IReadOnlyList<double> PeriodDays => PeriodArray;

    /// <summary>Calendar-day average rate of each period, volume per day.</summary>
    public IReadOnlyList<double> Rates => RateArray;

    /// <summary>Producing days of each period, or null when every period produced all its days.</summary>
    public IReadOnlyList<double>? DaysOn => DaysOnArray;

    /// <summary>Number of periods.</summary>
    public int Count => RateArray.Length;

    internal double[] StartArray { get; }

    internal double[] PeriodArray { get; }

    internal double[] RateArray { get; }

    internal double[]? DaysOnArray { get; }

    /// <summary>Set when the inputs' lengths disagree; the fitter reports it.</summary>
    internal string? ShapeError { get; }

    /// <summary>A series of dated periods.</summary>
    /// <param name="dates">First day of each period, ascending.</param>
    /// <param name="rates">Calendar-day average rates, volume per day.</param>
    /// <param name="daysOn">Optional producing days per period.</param>
    /// <param name="frequency">Period length; <see cref="SeriesFrequency.Auto"/> infers it from the dates.</param>
    public static ProductionSeries FromDates(
        IReadOnlyList<DateOnly> dates, IReadOnlyList<double> rates, IReadOnlyList<double>? daysOn = null,
        SeriesFrequency frequency = SeriesFrequency.Auto)
    {
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(rates);
        var error = LengthError(dates.Count, rates.Count, daysOn?.Count);
        var n = Math.Min(dates.Count, rates.Count);
        var origin = n > 0 ? dates[0] : (DateOnly?)null;
        var start = new double[n];
        for (var i = 0; i < n; i++)
        {
            start[i] = dates[i].DayNumber - dates[0].DayNumber;
        }

        if (frequency == SeriesFrequency.Auto)
        {
            frequency = MedianGap(start) >= 27 ? SeriesFrequency.Monthly : SeriesFrequency.Daily;
        }

        var period = new double[n];
        for (var i = 0; i < n; i++)
        {
            period[i] = frequency == SeriesFrequency.Monthly ? DateTime.DaysInMonth(dates[i].Year, dates[i].Month) : 1;
        }

        return new ProductionSeries(origin, start, period, Copy(rates, n)!, Copy(daysOn, n), error);
    }

    /// <summary>A series of periods given by their start in days (any origin).</summary>
    /// <param name="startDays">Start of each period in days, ascending.</param>
    /// <param name="rates">Calendar-day average rates, volume per day.</param>
    /// <param name="daysOn">Optional producing days per period.</param>
    /// <param name="periodDays">Calendar days of every period (1 for daily data, about 30.44 for monthly).</param>
    public static ProductionSeries FromDays(
        IReadOnlyList<double> startDays, IReadOnlyList<double> rates, IReadOnlyList<double>? daysOn = null,
        double periodDays = 1)
    {
        ArgumentNullException.ThrowIfNull(startDays);
        ArgumentNullException.ThrowIfNull(rates);
        var error = LengthError(startDays.Count, rates.Count, daysOn?.Count)
            ?? (periodDays > 0 && double.IsFinite(periodDays) ? null : "period length must be a positive number of days");
        var n = Math.Min(startDays.Count, rates.Count);
        var period = new double[n];
        Array.Fill(period, periodDays > 0 ? periodDays : 1);
        return new ProductionSeries(null, Copy(startDays, n)!, period, Copy(rates, n)!, Copy(daysOn, n), error);
    }

    private static string? LengthError(int times, int rates, int? daysOn) =>
        times != rates ? $"{times} times but {rates} rates"
        : daysOn is { } d && d != rates ? $"{rates} rates but {d} days-on values" : null;

    private static double[]? Copy(IReadOnlyList<double>? values, int n)
    {
        if (values is null)
        {
            return null;
        }

        var copy = new double[n];
        for (var i = 0; i < n && i < values.Count; i++)
        {
            copy[i] = values[i];
        }

        return copy;
    }

    private static double MedianGap(double[] start)
    {
        if (start.Length < 2)
        {
            return 1;
        }

        var gaps = new double[start.Length - 1];
        for (var i = 1; i < start.Length; i++)
        {
            gaps[i - 1] = start[i] - start[i - 1];
        }

        Array.Sort(gaps);
        return gaps[gaps.Length / 2];
    }
}
