namespace Wellhouse.Decline;

/// <summary>
/// Arps (1945) decline, "Analysis of Decline Curves", Trans. AIME 160: q = qi (1 + b Di t)^(-1/b), exponential for
/// b = 0 and harmonic for b = 1. One set of formulas covers every b in [0, 2]: with x = b Di t and L = ln(1 + x),
/// ln q = ln qi - Di t log1p(x)/x, and Np = qi/Di (L/b) expm1(z)/z with z = (b - 1) L / b, which equals Arps' hyperbolic
/// cumulative qi/((1-b) Di) [1 - (1 + b Di t)^(1-1/b)] and tends to the exponential (qi - q)/Di as b -> 0 and to the
/// harmonic (qi/Di) ln(1 + Di t) as b -> 1, without a branch or a cancellation near either limit.
/// </summary>
public sealed class ArpsModel : IDeclineModel
{
    /// <summary>Creates an Arps curve.</summary>
    /// <param name="initialRate">qi, volume per day.</param>
    /// <param name="initialDeclinePerDay">Di, nominal per day (per year / 365.25).</param>
    /// <param name="b">Arps exponent b &gt;= 0.</param>
    public ArpsModel(double initialRate, double initialDeclinePerDay, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialRate);
        ArgumentOutOfRangeException.ThrowIfNegative(initialDeclinePerDay);
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        InitialRate = initialRate;
        InitialDeclinePerDay = initialDeclinePerDay;
        B = b;
    }

    /// <inheritdoc/>
    public DeclineModelKind Kind => B == 0 ? DeclineModelKind.Exponential
        : B == 1 ? DeclineModelKind.Harmonic : DeclineModelKind.Hyperbolic;

    /// <inheritdoc/>
    public double InitialRate { get; }

    /// <summary>Di, nominal per day.</summary>
    public double InitialDeclinePerDay { get; }

    /// <summary>The Arps exponent b.</summary>
    public double B { get; }

    /// <inheritdoc/>
    public double Rate(double t) => InitialRate * Math.Exp(LogRateShape(t));

    /// <summary>ln(q(t) / qi) = -(1/b) ln(1 + b Di t) (Arps 1945).</summary>
    internal double LogRateShape(double t)
    {
        var dt = InitialDeclinePerDay * t;
        return -dt * NumericHelpers.Log1pOverX(B * dt);
    }

    /// <inheritdoc/>
    public double Cumulative(double t)
    {
        if (t <= 0 || InitialDeclinePerDay == 0)
        {
            return InitialRate * Math.Max(t, 0);
        }

        var dt = InitialDeclinePerDay * t;
        var lOverB = dt * NumericHelpers.Log1pOverX(B * dt);
        var z = (B - 1) * lOverB;
        return InitialRate / InitialDeclinePerDay * lOverB * NumericHelpers.Expm1OverZ(z);
    }

    /// <inheritdoc/>
    public double Decline(double t) => InitialDeclinePerDay / (1 + (B * InitialDeclinePerDay * t));

    /// <inheritdoc/>
    public double TimeToRate(double rate)
    {
        if (rate >= InitialRate)
        {
            return 0;
        }

        if (rate <= 0 || InitialDeclinePerDay == 0)
        {
            return double.PositiveInfinity;
        }

        // (qi/q)^b = 1 + b Di t  =>  t = expm1(b ln(qi/q)) / (b Di) = ln(qi/q)/Di * expm1(z)/z, z = b ln(qi/q).
        var lnRatio = Math.Log(InitialRate / rate);
        return lnRatio / InitialDeclinePerDay * NumericHelpers.Expm1OverZ(B * lnRatio);
    }
}
