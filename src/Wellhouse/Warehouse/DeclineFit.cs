using Wellhouse.Decline;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// A fitted decline curve of one well and stream, as the warehouse stores it: the model's name and parameters (qi in
/// the stream's rate unit per producing day, nominal declines per year), the parameters of the curve in the model's
/// own units (<see cref="Curve"/>, which the view int_declining_curves evaluates from <see cref="T0"/> on), the start
/// of the fitted segment, the spread of the log-rate residuals for the historical P10/P90 band, and the monthly
/// forecast.
/// </summary>
internal sealed record WellDeclineFit(
    string Model,
    double Qi,
    double? DiNominalPerYear,
    double? B,
    double? DminPerYear,
    DeclineCurveParameters Curve,
    DateOnly T0,
    int Segment,
    double LogSigma,
    IReadOnlyList<ForecastPoint> Forecast,
    RemainingVolume Remaining)
{
    /// <summary>z of the standard normal at 90%: P10 = P50 x e^(z sigma), P90 = P50 x e^(-z sigma) for log-normal
    /// residuals (the view int_declining_curves uses the same literal).</summary>
    public const double Z90 = 1.2815515655446004;
}

/// <summary>
/// The parameters of a fitted curve as Wellhouse.Decline's model holds them, so that SQL (macro decline_rate) evaluates
/// the same numbers: Di and Dlim nominal per day (Arps and modified hyperbolic; not the per-year values converted
/// back), Duong's a per day and m, the stretched exponential's tau in days and n. Those of other models are null.
/// </summary>
internal sealed record DeclineCurveParameters(double? DiPerDay, double? DlimPerDay, double? DuongA, double? DuongM, double? TauDays, double? N)
{
    public static DeclineCurveParameters Of(IDeclineModel model) => model switch
    {
        ArpsModel arps => new(arps.InitialDeclinePerDay, null, null, null, null, null),
        ModifiedHyperbolicModel modified => new(modified.InitialDeclinePerDay, modified.TerminalDeclinePerDay, null, null, null, null),
        DuongModel duong => new(null, null, duong.A, duong.M, null, null),
        StretchedExponentialModel stretched => new(null, null, null, null, stretched.TauDays, stretched.N),
        _ => new(null, null, null, null, null, null),
    };
}

/// <summary>
/// The volume a fit still produces after its history, in the stream's volume unit (kbbl or MMcf): P50 of the fitted
/// curve, P10 (high) and P90 (low) of the bootstrap, each until its rate reaches the economic limit or the time cap;
/// <see cref="EndDate"/> is where the fitted curve stops and <see cref="LimitedBy"/> says which of the two stopped it.
/// </summary>
internal sealed record RemainingVolume(double P50, double P10, double P90, DateOnly EndDate, string LimitedBy);

/// <summary>Fitting options from the project vars: the economic limits (producing-day rates, kbd and MMcfd) and the
/// EUR time cap in years from the fit's t0.</summary>
internal sealed record DeclineFitOptions(double BMax, double DminEffectivePerYear, int HorizonMonths, int BootstrapSamples, bool FitMonthly = true)
{
    public double EconomicLimitOilKbd { get; init; } = 0.01;

    public double EconomicLimitGasMmcfd { get; init; } = 0.05;

    public double EurTimeCapYears { get; init; } = 30;

    public double EconomicLimit(string stream) => stream == "gas" ? EconomicLimitGasMmcfd : EconomicLimitOilKbd;

    /// <summary>The options from the project's vars (decline_b_max, decline_dmin_effective_per_year,
    /// forecast_horizon_months, decline_bootstrap_samples, decline_fit_monthly, economic_limit_oil_kbd,
    /// economic_limit_gas_mmcfd, eur_time_cap_years): int_decline_fits' and int_population_forecast's.</summary>
    public static DeclineFitOptions Read(CSharpModelContext context) => new(
        ModelVars.Number(context, "decline_b_max", 2.0),
        ModelVars.Number(context, "decline_dmin_effective_per_year", 0.08),
        (int)ModelVars.Number(context, "forecast_horizon_months", 120),
        (int)ModelVars.Number(context, "decline_bootstrap_samples", 50),
        ModelVars.Flag(context, "decline_fit_monthly", true))
    {
        EconomicLimitOilKbd = ModelVars.Number(context, "economic_limit_oil_kbd", 0.01),
        EconomicLimitGasMmcfd = ModelVars.Number(context, "economic_limit_gas_mmcfd", 0.05),
        EurTimeCapYears = ModelVars.Number(context, "eur_time_cap_years", 30),
    };
}
