namespace Wellhouse.Decline;

/// <summary>
/// One well's (or field's) production of one stream by calendar month, as the population forecast reads it: the
/// volume of each month (volume unit, e.g. kbbl or MMcf; a month without a report counts as zero) and its producing
/// days (NaN when not reported: then the month counts as producing all its days when it has volume). Months are
/// consecutive from <see cref="FirstMonth"/>.
/// </summary>
public sealed class MonthlyHistory
{
    /// <summary>Creates a history; <paramref name="volumes"/> and <paramref name="daysOn"/> have one value per month
    /// from <paramref name="firstMonth"/> on.</summary>
    public MonthlyHistory(string id, DateOnly firstMonth, IReadOnlyList<double> volumes, IReadOnlyList<double> daysOn)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(volumes);
        ArgumentNullException.ThrowIfNull(daysOn);
        if (volumes.Count != daysOn.Count)
        {
            throw new ArgumentException($"{volumes.Count} volumes but {daysOn.Count} days-on values", nameof(daysOn));
        }

        Id = id;
        FirstMonth = MonthIndex.Of(firstMonth);
        Volumes = [.. volumes];
        DaysOn = [.. daysOn];
    }

    /// <summary>The well's (or field's) identifier.</summary>
    public string Id { get; }

    /// <summary>Index of the first month (<see cref="MonthIndex"/>).</summary>
    public int FirstMonth { get; }

    /// <summary>Index of the last month.</summary>
    public int LastMonth => FirstMonth + Volumes.Length - 1;

    internal double[] Volumes { get; }

    internal double[] DaysOn { get; }

    /// <summary>The volume of month <paramref name="month"/> (index); 0 outside the history or when negative (a
    /// correction month is netted into the cumulative elsewhere; here it is no production).</summary>
    internal double Volume(int month) =>
        month < FirstMonth || month > LastMonth ? 0 : Math.Max(Volumes[month - FirstMonth], 0);

    /// <summary>Producing days of a month: the reported days, all its days when not reported and it has volume.</summary>
    internal double ProducingDays(int month)
    {
        if (month < FirstMonth || month > LastMonth || !(Volume(month) > 0))
        {
            return 0;
        }

        var days = DaysOn[month - FirstMonth];
        var calendar = MonthIndex.Days(month);
        return double.IsFinite(days) && days > 0 ? Math.Min(days, calendar) : calendar;
    }
}

/// <summary>
/// Sums one well's reported periods (days or months, in any order of arrival but added in period order) into the
/// calendar months of a <see cref="MonthlyHistory"/>: the month's volume and its producing days (a period without
/// reported days counts all its days when it has volume; a month without any period has NaN days). The CLI's raw
/// files and the warehouse's staged rows go through it, so both forecast the same history.
/// </summary>
public sealed class MonthlyHistoryBuilder(string id)
{
    private readonly List<(int Month, double Volume, double DaysOn)> _periods = [];

    /// <summary>Adds a period: its first day, volume (kbbl or MMcf; NaN or infinite counts as 0), producing days
    /// (null when not reported) and calendar days.</summary>
    public void Add(DateOnly period, double volume, double? daysOn, double periodDays)
    {
        var value = double.IsFinite(volume) ? volume : 0;
        _periods.Add((MonthIndex.Of(period), value, daysOn ?? (value > 0 ? periodDays : 0)));
    }

    /// <summary>The history, or null when no period was added.</summary>
    public MonthlyHistory? Build()
    {
        if (_periods.Count == 0)
        {
            return null;
        }

        var first = _periods.Min(p => p.Month);
        var count = _periods.Max(p => p.Month) - first + 1;
        var volumes = new double[count];
        var daysOn = new double[count];
        var reported = new bool[count];
        foreach (var (month, volume, days) in _periods)
        {
            volumes[month - first] += volume;
            daysOn[month - first] += days;
            reported[month - first] = true;
        }

        for (var m = 0; m < count; m++)
        {
            daysOn[m] = reported[m] ? daysOn[m] : double.NaN;
        }

        return new MonthlyHistory(id, MonthIndex.Date(first), volumes, daysOn);
    }
}

/// <summary>Calendar months as integers (year x 12 + month - 1), so that month arithmetic is addition.</summary>
public static class MonthIndex
{
    /// <summary>The index of the month of <paramref name="date"/>.</summary>
    public static int Of(DateOnly date) => (date.Year * 12) + date.Month - 1;

    /// <summary>The first day of month <paramref name="index"/>.</summary>
    public static DateOnly Date(int index) => new(index / 12, (index % 12) + 1, 1);

    /// <summary>Calendar days of month <paramref name="index"/>.</summary>
    public static int Days(int index) => DateTime.DaysInMonth(index / 12, (index % 12) + 1);
}
