namespace Wellhouse.Decline;

/// <summary>
/// Duong (SPE-137748) in log space with Duong time s = 1 + t, p = (a, m):
/// f = -m ln s + a/(1-m) (s^(1-m) - 1); df/da = (s^(1-m) - 1)/(1-m);
/// df/dm = -ln s + a/(1-m)^2 (s^(1-m) - 1) - a/(1-m) s^(1-m) ln s.
/// </summary>
internal readonly struct DuongShape : ILogRateShape
{
    public int Count => 2;

    public double Evaluate(double t, ReadOnlySpan<double> p, Span<double> gradient)
    {
        var a = p[0];
        var m = p[1];
        var ls = Math.Log(1 + t);
        var k = 1 - m;
        var e = NumericHelpers.Expm1(k * ls); // s^(1-m) - 1
        var g = e / k;
        gradient[0] = g;
        gradient[1] = -ls + (a * g / k) - (a / k * (e + 1) * ls);
        return (-m * ls) + (a * g);
    }
}

/// <summary>
/// Stretched exponential (Valko, SPE-119369) in log space, p = (tau days, n): f = -(t/tau)^n;
/// df/dtau = (n/tau) (t/tau)^n; df/dn = -(t/tau)^n ln(t/tau).
/// </summary>
internal readonly struct StretchedExponentialShape : ILogRateShape
{
    public int Count => 2;

    public double Evaluate(double t, ReadOnlySpan<double> p, Span<double> gradient)
    {
        var tau = p[0];
        var n = p[1];
        if (t <= 0)
        {
            gradient[0] = 0;
            gradient[1] = 0;
            return 0;
        }

        var lr = Math.Log(t / tau);
        var pw = Math.Exp(n * lr);
        gradient[0] = n / tau * pw;
        gradient[1] = -pw * lr;
        return -pw;
    }
}
