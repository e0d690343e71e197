namespace Wellhouse.Decline;

/// <summary>Options of a forecast. Immutable.</summary>
public sealed record ForecastOptions
{
    /// <summary>The default options: 120 monthly periods, 100 bootstrap samples, seed 42.</summary>
    public static ForecastOptions Default { get; } = new();

    /// <summary>Daily or monthly periods (Auto means monthly).</summary>
    public SeriesFrequency Frequency { get; init; } = SeriesFrequency.Monthly;

    /// <summary>Most periods to forecast after the history.</summary>
    public int Periods { get; init; } = 120;

    /// <summary>Stop when the fitted rate falls below this rate (volume per day; 0 = no limit).</summary>
    public double EconomicLimitRate { get; init; }

    /// <summary>Whether the forecast periods end when the fitted rate falls below <see cref="EconomicLimitRate"/>
    /// (default); false lists every period and applies the limit to EUR only.</summary>
    public bool StopAtEconomicLimit { get; init; } = true;

    /// <summary>Time cap for EUR, days after the fit's t = 0 (default 30 years).</summary>
    public double TimeCapDays { get; init; } = 30 * DeclineConversions.DaysPerYear;

    /// <summary>Residual bootstrap samples for P10/P50/P90 (0 = none: the percentiles equal the fit).</summary>
    public int BootstrapSamples { get; init; } = 100;

    /// <summary>Seed of the bootstrap; the same seed gives the same percentiles on any thread.</summary>
    public int Seed { get; init; } = 42;

    internal string? Validate() =>
        Periods < 0 ? "Periods must be >= 0"
        : !(EconomicLimitRate >= 0) ? "EconomicLimitRate must be >= 0"
        : !(TimeCapDays > 0) ? "TimeCapDays must be > 0"
        : BootstrapSamples < 0 ? "BootstrapSamples must be >= 0"
        : null;
}
