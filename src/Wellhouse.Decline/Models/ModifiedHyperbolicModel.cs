namespace Wellhouse.Decline;

/// <summary>
/// Modified hyperbolic decline, Robertson (1988), SPE-18731: Arps hyperbolic until the instantaneous decline
/// D(t) = Di / (1 + b Di t) falls to the terminal decline Dlim, exponential at Dlim afterwards. The switch time is
/// t_sw = (1/Dlim - 1/Di) / b; when Di &lt;= Dlim the curve is exponential at Di from the start.
/// </summary>
public sealed class ModifiedHyperbolicModel : IDeclineModel
{
    private readonly ArpsModel _hyperbolic;
    private readonly double _switchRate;
    private readonly double _switchCumulative;
    private readonly double _terminalDecline;

    /// <summary>Creates a modified hyperbolic curve.</summary>
    /// <param name="initialRate">qi, volume per day.</param>
    /// <param name="initialDeclinePerDay">Di, nominal per day.</param>
    /// <param name="b">Arps exponent b &gt;= 0.</param>
    /// <param name="terminalDeclinePerDay">Dlim, nominal per day; from an effective annual Dmin use
    /// <see cref="DeclineConversions.TerminalDeclinePerDay"/>.</param>
    public ModifiedHyperbolicModel(double initialRate, double initialDeclinePerDay, double b, double terminalDeclinePerDay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(terminalDeclinePerDay);
        _hyperbolic = new ArpsModel(initialRate, initialDeclinePerDay, b);
        TerminalDeclinePerDay = terminalDeclinePerDay;
        SwitchTime = ComputeSwitchTime(initialDeclinePerDay, b, terminalDeclinePerDay);
        if (double.IsFinite(SwitchTime))
        {
            _switchRate = _hyperbolic.Rate(SwitchTime);
            _switchCumulative = _hyperbolic.Cumulative(SwitchTime);
            _terminalDecline = _hyperbolic.Decline(SwitchTime);
        }
    }

    /// <inheritdoc/>
    public DeclineModelKind Kind => DeclineModelKind.ModifiedHyperbolic;

    /// <inheritdoc/>
    public double InitialRate => _hyperbolic.InitialRate;

    /// <summary>Di, nominal per day.</summary>
    public double InitialDeclinePerDay => _hyperbolic.InitialDeclinePerDay;

    /// <summary>The Arps exponent b of the hyperbolic part.</summary>
    public double B => _hyperbolic.B;

    /// <summary>Dlim, nominal per day.</summary>
    public double TerminalDeclinePerDay { get; }

    /// <summary>t_sw in days (0 when Di &lt;= Dlim; infinite when b = 0 and Di &gt; Dlim).</summary>
    public double SwitchTime { get; }

    /// <summary>t_sw = (1/Dlim - 1/Di) / b (Robertson 1988), clamped at 0.</summary>
    internal static double ComputeSwitchTime(double di, double b, double dlim)
    {
        if (di <= dlim)
        {
            return 0;
        }

        if (dlim <= 0 || b <= 0)
        {
            return double.PositiveInfinity;
        }

        return ((1 / dlim) - (1 / di)) / b;
    }

    /// <inheritdoc/>
    public double Rate(double t) => t <= SwitchTime
        ? _hyperbolic.Rate(t)
        : _switchRate * Math.Exp(-_terminalDecline * (t - SwitchTime));

    /// <inheritdoc/>
    public double Cumulative(double t)
    {
        if (t <= SwitchTime)
        {
            return _hyperbolic.Cumulative(t);
        }

        // Exponential tail: (q_sw - q) / D = q_sw (1 - e^(-D (t - t_sw))) / D (Arps 1945).
        var dt = t - SwitchTime;
        var tail = _terminalDecline > 0
            ? -_switchRate * NumericHelpers.Expm1(-_terminalDecline * dt) / _terminalDecline
            : _switchRate * dt;
        return _switchCumulative + tail;
    }

    /// <inheritdoc/>
    public double Decline(double t) => t <= SwitchTime ? _hyperbolic.Decline(t) : _terminalDecline;

    /// <inheritdoc/>
    public double TimeToRate(double rate)
    {
        if (!double.IsFinite(SwitchTime) || rate >= _switchRate)
        {
            return _hyperbolic.TimeToRate(rate);
        }

        if (rate <= 0 || _terminalDecline <= 0)
        {
            return double.PositiveInfinity;
        }

        return SwitchTime + (Math.Log(_switchRate / rate) / _terminalDecline);
    }
}
