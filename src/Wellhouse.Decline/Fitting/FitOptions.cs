namespace Wellhouse.Decline;

/// <summary>Which model or models <see cref="DeclineFitter.Fit(ProductionSeries, FitOptions)"/> tries.</summary>
public enum ModelSelection
{
    /// <summary>Every model (exponential, hyperbolic, harmonic, modified hyperbolic, Duong, stretched exponential);
    /// the lowest information criterion wins.</summary>
    Auto,

    /// <summary>Arps: exponential, hyperbolic and harmonic; the lowest information criterion wins.</summary>
    Arps,

    /// <summary>Arps exponential only.</summary>
    Exponential,

    /// <summary>Arps hyperbolic with b free within the bounds.</summary>
    Hyperbolic,

    /// <summary>Arps harmonic only.</summary>
    Harmonic,

    /// <summary>Modified hyperbolic with the terminal decline of <see cref="FitOptions.DminEffectivePerYear"/>.</summary>
    ModifiedHyperbolic,

    /// <summary>Duong only.</summary>
    Duong,

    /// <summary>Stretched exponential only.</summary>
    StretchedExponential,
}

/// <summary>The information criterion that chooses between models.</summary>
public enum InformationCriterion
{
    /// <summary>Akaike: n ln(SSE/n) + 2k (Akaike 1974).</summary>
    Aic,

    /// <summary>Bayesian: n ln(SSE/n) + k ln n (Schwarz 1978).</summary>
    Bic,
}

/// <summary>Options of a decline fit. Immutable; the defaults follow docs/domain.md's fitting practice.</summary>
public sealed record FitOptions
{
    /// <summary>The default options.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>Model or models to try.</summary>
    public ModelSelection Model { get; init; } = ModelSelection.Auto;

    /// <summary>Chooses between models.</summary>
    public InformationCriterion Criterion { get; init; } = InformationCriterion.Bic;

    /// <summary>Lower bound of b.</summary>
    public double MinB { get; init; }

    /// <summary>Upper bound of b.</summary>
    public double MaxB { get; init; } = 2;

    /// <summary>Terminal decline of the modified hyperbolic, effective per year (tangent), e.g. 0.06 = 6 %/year.</summary>
    public double DminEffectivePerYear { get; init; } = 0.06;

    /// <summary>Fewest producing periods a fit needs after the peak.</summary>
    public int MinPoints { get; init; } = 6;

    /// <summary>Robust loss: Huber IRLS rounds after the least-squares fit (0 turns robustness off).</summary>
    public int RobustIterations { get; init; } = 2;

    /// <summary>Huber threshold in robust standard deviations (1.345 gives 95 % efficiency under normal noise;
    /// Huber 1964, Holland and Welsch 1977).</summary>
    public double HuberThreshold { get; init; } = 1.345;

    /// <summary>Start the fit at the peak of the (median-smoothed) producing-day rate.</summary>
    public bool StartAtPeak { get; init; } = true;

    /// <summary>Split the history at restarts (a workover that lifts the smoothed rate by <see cref="RestartFactor"/>);
    /// the fit uses the last segment.</summary>
    public bool DetectRestarts { get; init; } = true;

    /// <summary>The rise over the trough since the segment's peak that counts as a restart.</summary>
    public double RestartFactor { get; init; } = 1.5;

    /// <summary>Periods producing less than this fraction of their days are ignored (shut-in).</summary>
    public double MinUptime { get; init; } = 0.05;

    /// <summary>Levenberg-Marquardt iteration cap per solve.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>Checks the options; returns a message when one is out of range.</summary>
    internal string? Validate() =>
        !(MinB >= 0 && MaxB >= MinB && MaxB <= 10) ? $"b bounds [{MinB}, {MaxB}] must satisfy 0 <= MinB <= MaxB <= 10"
        : !(DminEffectivePerYear >= 0 && DminEffectivePerYear < 1) ? "DminEffectivePerYear must be in [0, 1)"
        : MinPoints < 3 ? "MinPoints must be at least 3"
        : RobustIterations < 0 ? "RobustIterations must be >= 0"
        : !(HuberThreshold > 0) ? "HuberThreshold must be > 0"
        : !(RestartFactor > 1) ? "RestartFactor must be > 1"
        : MaxIterations < 1 ? "MaxIterations must be >= 1"
        : null;
}
