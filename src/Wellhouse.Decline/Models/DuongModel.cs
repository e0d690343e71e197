namespace Wellhouse.Decline;

/// <summary>
/// Duong (2011), SPE-137748, "Rate-Decline Analysis for Fracture-Dominated Shale Reservoirs":
/// q = q1 t^(-m) exp(a/(1-m) (t^(1-m) - 1)) and Np = (q1/a) exp(a/(1-m) (t^(1-m) - 1)) with Duong's time counted from
/// day 1. Here Duong's time is 1 + t, so q(0) = qi and the cumulative is shifted by its value at day 1:
/// Np(t) = (qi/a) [exp(a/(1-m) ((1+t)^(1-m) - 1)) - 1], which makes Np(0) = 0 and dNp/dt = q.
/// </summary>
public sealed class DuongModel : IDeclineModel
{
    /// <summary>Creates a Duong curve.</summary>
    /// <param name="initialRate">qi = q(day 1), volume per day.</param>
    /// <param name="a">Duong's intercept constant a &gt; 0, per day.</param>
    /// <param name="m">Duong's slope m &gt; 1 (m = 1 is excluded).</param>
    public DuongModel(double initialRate, double a, double m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        if (m == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(m), "Duong's m must differ from 1.");
        }

        InitialRate = initialRate;
        A = a;
        M = m;
    }

    /// <inheritdoc/>
    public DeclineModelKind Kind => DeclineModelKind.Duong;

    /// <inheritdoc/>
    public double InitialRate { get; }

    /// <summary>Duong's a, per day.</summary>
    public double A { get; }

    /// <summary>Duong's m.</summary>
    public double M { get; }

    /// <summary>a/(1-m) ((1+t)^(1-m) - 1), the exponent of Duong's t(a, m) term.</summary>
    private double Exponent(double t) => A / (1 - M) * NumericHelpers.Expm1((1 - M) * Math.Log(1 + t));

    /// <inheritdoc/>
    public double Rate(double t) => InitialRate * Math.Exp((-M * Math.Log(1 + t)) + Exponent(t));

    /// <inheritdoc/>
    public double Cumulative(double t) => t <= 0 ? 0 : InitialRate / A * NumericHelpers.Expm1(Exponent(t));

    /// <inheritdoc/>
    public double Decline(double t) => (M / (1 + t)) - (A * Math.Pow(1 + t, -M));

    /// <inheritdoc/>
    public double TimeToRate(double rate) => RootFinding.TimeToRate(this, rate);
}
