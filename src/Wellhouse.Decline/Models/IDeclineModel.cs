namespace Wellhouse.Decline;

/// <summary>
/// A decline curve: rate, cumulative volume and decline as functions of time since the model's start (t0).
/// Time t is in days, rates in volume per day, cumulative volume in volume (rate x days), declines nominal per day.
/// Implementations are immutable and thread-safe.
/// </summary>
public interface IDeclineModel
{
    /// <summary>Which model family this is.</summary>
    DeclineModelKind Kind { get; }

    /// <summary>Rate at t = 0 (qi), volume per day.</summary>
    double InitialRate { get; }

    /// <summary>Rate q(t), volume per day.</summary>
    double Rate(double t);

    /// <summary>Cumulative volume Np(t) from t = 0 to t.</summary>
    double Cumulative(double t);

    /// <summary>Instantaneous nominal decline D(t) = -d ln q / dt, per day.</summary>
    double Decline(double t);

    /// <summary>
    /// Time in days at which the rate falls to <paramref name="rate"/>: 0 when the rate is at or above qi,
    /// <see cref="double.PositiveInfinity"/> when it is never reached.
    /// </summary>
    double TimeToRate(double rate);
}

/// <summary>Model-level quantities every <see cref="IDeclineModel"/> derives from its rate and cumulative.</summary>
public static class DeclineModelExtensions
{
    /// <summary>
    /// Estimated ultimate recovery of the curve from t = 0: the cumulative volume until the rate falls to
    /// <paramref name="economicLimitRate"/> or until <paramref name="timeCapDays"/>, whichever comes first
    /// (infinite when neither ends it).
    /// </summary>
    public static double Eur(this IDeclineModel model, double economicLimitRate, double timeCapDays)
    {
        ArgumentNullException.ThrowIfNull(model);
        var end = Math.Min(model.TimeToRate(economicLimitRate), timeCapDays);
        return double.IsFinite(end) ? model.Cumulative(end) : double.PositiveInfinity;
    }
}
