using MathNet.Numerics;

namespace Wellhouse.Decline;

/// <summary>
/// Stretched exponential decline, Valko (2009), SPE-119369 (Valko and Lee 2010, SPE-134231):
/// q = qi exp(-(t/tau)^n) and Np = (qi tau / n) [Gamma(1/n) - Gamma(1/n, (t/tau)^n)]
/// = (qi tau / n) Gamma(1/n) P(1/n, (t/tau)^n) with P the regularized lower incomplete gamma function. The factor
/// Gamma(1/n) is part of the cumulative (one public library omitted it; see docs/domain.md).
/// </summary>
public sealed class StretchedExponentialModel : IDeclineModel
{
    /// <summary>Creates a stretched exponential curve.</summary>
    /// <param name="initialRate">qi, volume per day.</param>
    /// <param name="tauDays">Characteristic time tau &gt; 0, days.</param>
    /// <param name="n">Exponent n in (0, 1] (n = 1 is exponential with D = 1/tau).</param>
    public StretchedExponentialModel(double initialRate, double tauDays, double n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tauDays);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        InitialRate = initialRate;
        TauDays = tauDays;
        N = n;
    }

    /// <inheritdoc/>
    public DeclineModelKind Kind => DeclineModelKind.StretchedExponential;

    /// <inheritdoc/>
    public double InitialRate { get; }

    /// <summary>tau, days.</summary>
    public double TauDays { get; }

    /// <summary>The exponent n.</summary>
    public double N { get; }

    /// <inheritdoc/>
    public double Rate(double t) => t <= 0 ? InitialRate : InitialRate * Math.Exp(-Math.Pow(t / TauDays, N));

    /// <inheritdoc/>
    public double Cumulative(double t)
    {
        if (t <= 0)
        {
            return 0;
        }

        var a = 1 / N;
        return InitialRate * TauDays / N * SpecialFunctions.Gamma(a)
            * SpecialFunctions.GammaLowerRegularized(a, Math.Pow(t / TauDays, N));
    }

    /// <inheritdoc/>
    public double Decline(double t) =>
        t <= 0 && N < 1 ? double.PositiveInfinity : N / TauDays * Math.Pow(t / TauDays, N - 1);

    /// <inheritdoc/>
    public double TimeToRate(double rate)
    {
        if (rate >= InitialRate)
        {
            return 0;
        }

        // ln(qi/q) = (t/tau)^n  =>  t = tau ln(qi/q)^(1/n).
        return rate <= 0 ? double.PositiveInfinity : TauDays * Math.Pow(Math.Log(InitialRate / rate), 1 / N);
    }
}
