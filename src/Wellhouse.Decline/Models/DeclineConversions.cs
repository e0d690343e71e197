namespace Wellhouse.Decline;

/// <summary>
/// Conversions between decline-rate conventions (SPEE Monograph 4 / SPEE REP 6 definitions; Arps 1945):
/// nominal D (continuous, -d ln q / dt), tangent effective De = 1 - e^(-D), and secant effective
/// Des = 1 - (1 + b D)^(-1/b) (the fractional drop of the Arps rate over one period). All take and return the same
/// time unit: a nominal per-year decline gives an effective annual decline.
/// </summary>
public static class DeclineConversions
{
    /// <summary>Days per year used throughout (docs/domain.md: per year = per day x 365.25).</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>Nominal per day to nominal per year.</summary>
    public static double PerDayToPerYear(double nominalPerDay) => nominalPerDay * DaysPerYear;

    /// <summary>Nominal per year to nominal per day.</summary>
    public static double PerYearToPerDay(double nominalPerYear) => nominalPerYear / DaysPerYear;

    /// <summary>Tangent effective De = 1 - e^(-D).</summary>
    public static double NominalToTangentEffective(double nominal) => -NumericHelpers.Expm1(-nominal);

    /// <summary>Nominal D = -ln(1 - De).</summary>
    public static double TangentEffectiveToNominal(double tangentEffective) =>
        -NumericHelpers.Log1p(-tangentEffective);

    /// <summary>Secant effective Des = 1 - (1 + b D)^(-1/b); the tangent effective decline when b = 0.</summary>
    public static double NominalToSecantEffective(double nominal, double b) =>
        -NumericHelpers.Expm1(-nominal * NumericHelpers.Log1pOverX(b * nominal));

    /// <summary>Nominal D = ((1 - Des)^(-b) - 1) / b; -ln(1 - Des) when b = 0.</summary>
    public static double SecantEffectiveToNominal(double secantEffective, double b)
    {
        var l = -NumericHelpers.Log1p(-secantEffective);
        return l * NumericHelpers.Expm1OverZ(b * l);
    }

    /// <summary>Tangent effective to secant effective for the same nominal decline and b.</summary>
    public static double TangentToSecantEffective(double tangentEffective, double b) =>
        NominalToSecantEffective(TangentEffectiveToNominal(tangentEffective), b);

    /// <summary>Secant effective to tangent effective for the same nominal decline and b.</summary>
    public static double SecantToTangentEffective(double secantEffective, double b) =>
        NominalToTangentEffective(SecantEffectiveToNominal(secantEffective, b));

    /// <summary>
    /// The terminal nominal decline per day of a modified hyperbolic from an effective annual Dmin:
    /// Dlim = -ln(1 - Dmin) / 365.25 (docs/domain.md; Robertson 1988).
    /// </summary>
    public static double TerminalDeclinePerDay(double dminEffectivePerYear) =>
        TangentEffectiveToNominal(dminEffectivePerYear) / DaysPerYear;
}
