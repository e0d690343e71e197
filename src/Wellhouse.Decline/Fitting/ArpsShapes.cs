namespace Wellhouse.Decline;

/// <summary>
/// Arps hyperbolic in log space, p = (Di per day, b): f = -(1/b) ln(1 + b Di t) (Arps 1945), with
/// df/dDi = -t / (1 + b Di t) and df/db = [ln(1 + x) - x/(1 + x)] / b^2, x = b Di t (series near x = 0).
/// </summary>
internal readonly struct HyperbolicShape : ILogRateShape
{
    public int Count => 2;

    public double Evaluate(double t, ReadOnlySpan<double> p, Span<double> gradient) => Evaluate(t, p[0], p[1], gradient);

    internal static double Evaluate(double t, double d, double b, Span<double> gradient)
    {
        var dt = d * t;
        var x = b * dt;
        var inv = 1 / (1 + x);
        gradient[0] = -t * inv;
        if (Math.Abs(x) < 1e-3)
        {
            // Series of ln(1 + x)/x and [ln(1 + x) - x/(1 + x)]/x^2 near x = 0.
            gradient[1] = dt * dt * (0.5 - (x * ((2.0 / 3) - (0.75 * x))));
            return -dt * (1 - (x * (0.5 - (x * ((1.0 / 3) - (0.25 * x))))));
        }

        var l = Math.Log(1 + x);
        var invX = 1 / x;
        gradient[1] = dt * dt * (l - (x * inv)) * invX * invX;
        return -dt * l * invX;
    }
}

/// <summary>Arps with a fixed b (0 = exponential, 1 = harmonic), p = (Di per day).</summary>
internal readonly struct FixedBShape(double b) : ILogRateShape
{
    public int Count => 1;

    /// <summary>The fixed b.</summary>
    public double B => b;

    public double Evaluate(double t, ReadOnlySpan<double> p, Span<double> gradient)
    {
        var dt = p[0] * t;
        var x = b * dt;
        gradient[0] = -t / (1 + x);
        return -dt * NumericHelpers.Log1pOverX(x);
    }
}

/// <summary>
/// Modified hyperbolic (Robertson 1988, SPE-18731) in log space, p = (Di per day, b), terminal decline Dlim fixed.
/// After the switch f = f_hyp(t_sw) - Dlim (t - t_sw); because D(t_sw) = Dlim the terms in dt_sw/dp cancel, so the
/// gradient after the switch is the hyperbolic gradient at t_sw.
/// </summary>
internal readonly struct ModifiedHyperbolicShape(double terminalDecline) : ILogRateShape
{
    public int Count => 2;

    public double TerminalDecline => terminalDecline;

    public double Evaluate(double t, ReadOnlySpan<double> p, Span<double> gradient)
    {
        var d = p[0];
        var b = p[1];
        var tsw = ModifiedHyperbolicModel.ComputeSwitchTime(d, b, terminalDecline);
        if (t <= tsw)
        {
            return HyperbolicShape.Evaluate(t, d, b, gradient);
        }

        if (tsw == 0)
        {
            // Di <= Dlim: exponential at Di from the start.
            gradient[0] = -t;
            gradient[1] = 0;
            return -d * t;
        }

        var f = HyperbolicShape.Evaluate(tsw, d, b, gradient);
        return f - (terminalDecline * (t - tsw));
    }
}
