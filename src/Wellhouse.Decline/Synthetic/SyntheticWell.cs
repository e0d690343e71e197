namespace Wellhouse.Decline;

/// <summary>
/// A synthetic well with known decline parameters: the truth, and a history drawn from it with noise, downtime and
/// outliers. Time t = 0 is the start of the first period; rates are calendar-day averages (producing-day rate x
/// uptime), the producing-day rate is the true rate at mid-period times the noise.
/// </summary>
public sealed class SyntheticWell
{
    internal SyntheticWell(
        int index, IDeclineModel truth, double diNominalPerYear, double b, DateOnly[] dates, double[] rates,
        double[] daysOn, bool[] outliers, SeriesFrequency frequency)
    {
        Index = index;
        Truth = truth;
        DiNominalPerYear = diNominalPerYear;
        B = b;
        Dates = dates;
        Rates = rates;
        DaysOn = daysOn;
        Outliers = outliers;
        Series = ProductionSeries.FromDates(dates, rates, daysOn, frequency);
    }

    /// <summary>The well's number in its population.</summary>
    public int Index { get; }

    /// <summary>The true curve.</summary>
    public IDeclineModel Truth { get; }

    /// <summary>True qi, volume per day.</summary>
    public double Qi => Truth.InitialRate;

    /// <summary>True Di, nominal per year.</summary>
    public double DiNominalPerYear { get; }

    /// <summary>True b.</summary>
    public double B { get; }

    /// <summary>Period dates.</summary>
    public IReadOnlyList<DateOnly> Dates { get; }

    /// <summary>Calendar-day average rates.</summary>
    public IReadOnlyList<double> Rates { get; }

    /// <summary>Producing days per period.</summary>
    public IReadOnlyList<double> DaysOn { get; }

    /// <summary>Which periods were made outliers.</summary>
    public IReadOnlyList<bool> Outliers { get; }

    /// <summary>The history as a series ready to fit.</summary>
    public ProductionSeries Series { get; }

    /// <summary>The true curve's rate at day <paramref name="t"/> after the first period's start.</summary>
    public double TrueRate(double t) => Truth.Rate(t);
}
