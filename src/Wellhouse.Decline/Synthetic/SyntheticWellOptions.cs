namespace Wellhouse.Decline;

/// <summary>How <see cref="SyntheticWellGenerator"/> draws wells. Immutable; defaults give realistic messy wells.</summary>
public sealed record SyntheticWellOptions
{
    /// <summary>Seed of the whole population; well i uses a seed derived from it and i.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Daily or monthly periods (Auto is treated as daily).</summary>
    public SeriesFrequency Frequency { get; init; } = SeriesFrequency.Monthly;

    /// <summary>Number of periods per well.</summary>
    public int Periods { get; init; } = 120;

    /// <summary>Date of the first period.</summary>
    public DateOnly StartDate { get; init; } = new(2015, 1, 1);

    /// <summary>The true model: <see cref="DeclineModelKind.Hyperbolic"/> or <see cref="DeclineModelKind.ModifiedHyperbolic"/>
    /// (any Arps kind works; Exponential and Harmonic fix b).</summary>
    public DeclineModelKind Kind { get; init; } = DeclineModelKind.Hyperbolic;

    /// <summary>Median qi, volume per day (qi is lognormal around it).</summary>
    public double QiMedian { get; init; } = 1000;

    /// <summary>Standard deviation of ln qi.</summary>
    public double QiLogSd { get; init; } = 0.5;

    /// <summary>Di nominal per year, drawn uniformly from [DiMinPerYear, DiMaxPerYear].</summary>
    public double DiMinPerYear { get; init; } = 0.3;

    /// <summary>Upper end of Di, nominal per year.</summary>
    public double DiMaxPerYear { get; init; } = 2.5;

    /// <summary>b drawn uniformly from [BMin, BMax] (hyperbolic kinds).</summary>
    public double BMin { get; init; } = 0.1;

    /// <summary>Upper end of b.</summary>
    public double BMax { get; init; } = 1.5;

    /// <summary>Terminal decline of the modified hyperbolic, effective per year.</summary>
    public double DminEffectivePerYear { get; init; } = 0.06;

    /// <summary>Sigma of the multiplicative lognormal noise on the producing-day rate (0 = noise-free).</summary>
    public double NoiseSigma { get; init; } = 0.1;

    /// <summary>Probability that a period is shut in (rate 0, no producing days).</summary>
    public double ShutInProbability { get; init; } = 0.05;

    /// <summary>Probability that a period produces only part of its days (uptime uniform in [0.3, 1)).</summary>
    public double PartialUptimeProbability { get; init; } = 0.15;

    /// <summary>Probability that a period is an outlier (producing-day rate x3 or /3).</summary>
    public double OutlierProbability { get; init; } = 0.01;

    /// <summary>Noise-free and complete: no noise, downtime or outliers.</summary>
    public SyntheticWellOptions NoiseFree() =>
        this with { NoiseSigma = 0, ShutInProbability = 0, PartialUptimeProbability = 0, OutlierProbability = 0 };
}
