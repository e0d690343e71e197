namespace Wellhouse.Decline;

/// <summary>
/// A fitted decline curve with its parameters, quality and history facts. Model time t = 0 is the start of the
/// fitted segment's first (peak) period, <see cref="StartDay"/> (and <see cref="StartDate"/> for dated series).
/// Parameters that do not apply to the model are null. Immutable and thread-safe.
/// </summary>
public sealed partial class DeclineFit
{
    private DeclineFit(IDeclineModel model, PreparedSeries prepared, Candidate candidate, FitQuality quality, DateOnly? origin,
        FitOptions options)
    {
        Options = options;
        Model = model;
        Data = prepared.Data;
        Candidate = candidate;
        Quality = quality;
        StartDay = prepared.T0;
        StartDate = origin?.AddDays((int)Math.Round(prepared.T0));
        Segments = prepared.Segments;
        FittedSegment = prepared.FittedSegment;
        HistoryCumulative = prepared.HistoryCumulative;
        HistoryEndDay = prepared.LastDay;
        NegativePeriods = prepared.NegativePeriods;
    }

    /// <summary>The fitted curve.</summary>
    public IDeclineModel Model { get; }

    /// <summary>The model family.</summary>
    public DeclineModelKind Kind => Model.Kind;

    /// <summary>qi, volume per day at t = 0.</summary>
    public double Qi => Model.InitialRate;

    /// <summary>Di, nominal per year (Arps and modified hyperbolic; Duong's D at t = 0).</summary>
    public double? DiNominalPerYear { get; private init; }

    /// <summary>Arps b (Arps and modified hyperbolic).</summary>
    public double? B { get; private init; }

    /// <summary>The modified hyperbolic's terminal decline, nominal per year.</summary>
    public double? DminNominalPerYear { get; private init; }

    /// <summary>The modified hyperbolic's switch time, days after t = 0.</summary>
    public double? SwitchDay { get; private init; }

    /// <summary>Duong's a (per day) and m.</summary>
    public double? DuongA { get; private init; }

    /// <summary>Duong's m.</summary>
    public double? DuongM { get; private init; }

    /// <summary>Stretched exponential tau, days.</summary>
    public double? TauDays { get; private init; }

    /// <summary>Stretched exponential n.</summary>
    public double? N { get; private init; }

    /// <summary>Fit quality.</summary>
    public FitQuality Quality { get; }

    /// <summary>t0: start of the fitted segment, series days.</summary>
    public double StartDay { get; }

    /// <summary>t0 as a date, for dated series.</summary>
    public DateOnly? StartDate { get; }

    /// <summary>All segments found (restarts split the history); the fit uses <see cref="FittedSegment"/>.</summary>
    public IReadOnlyList<SeriesSegment> Segments { get; }

    /// <summary>Index into <see cref="Segments"/> of the fitted segment.</summary>
    public int FittedSegment { get; }

    /// <summary>Cumulative volume of the whole history (sum of rate x calendar days).</summary>
    public double HistoryCumulative { get; }

    /// <summary>End of the last period of the history, days after t = 0.</summary>
    public double HistoryEndDay { get; }

    /// <summary>Periods with a negative rate (correction months): netted into <see cref="HistoryCumulative"/> and left
    /// out of the fit.</summary>
    public int NegativePeriods { get; }

    /// <summary>What a user should know about this fit, one sentence each: netted negative periods, b at its bound or
    /// above 1 (a hyperbolic without a terminal decline then has no finite EUR without a time cap).</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    internal FitData Data { get; }

    internal Candidate Candidate { get; }

    internal FitOptions Options { get; }

    /// <summary>
    /// EUR = cumulative to date + forecast volume from the end of the history until the rate reaches
    /// <paramref name="economicLimitRate"/> or t reaches <paramref name="timeCapDays"/> (docs/domain.md).
    /// </summary>
    public double Eur(double economicLimitRate, double timeCapDays) =>
        HistoryCumulative + RemainingVolume(Model, economicLimitRate, timeCapDays);

    /// <summary>
    /// Where the EUR stops, in days from the fit's t = 0: when the fitted rate falls to
    /// <paramref name="economicLimitRate"/> or at <paramref name="timeCapDays"/>, whichever comes first. Below
    /// <see cref="HistoryEndDay"/> when the curve was already under the limit at the end of the history (nothing remains).
    /// </summary>
    public double EurEndDay(double economicLimitRate, double timeCapDays) => EurEnd(Model, economicLimitRate, timeCapDays);

    private static double EurEnd(IDeclineModel model, double economicLimitRate, double timeCapDays) =>
        Math.Min(model.TimeToRate(economicLimitRate), timeCapDays);

    /// <summary>The model's volume from the end of the history to the economic limit or the time cap.</summary>
    internal double RemainingVolume(IDeclineModel model, double economicLimitRate, double timeCapDays)
    {
        var end = EurEnd(model, economicLimitRate, timeCapDays);
        if (!double.IsFinite(end))
        {
            return double.PositiveInfinity;
        }

        return end > HistoryEndDay ? model.Cumulative(end) - model.Cumulative(HistoryEndDay) : 0;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Kind}: qi={Qi:G6} Di={DiNominalPerYear:G6}/yr b={B:G4} rmse={Quality.RmseLogRate:G4} n={Quality.PointsUsed}";
}
