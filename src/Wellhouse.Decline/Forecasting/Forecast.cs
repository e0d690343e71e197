namespace Wellhouse.Decline;

/// <summary>
/// One forecast period. Rates are calendar-day averages over the period (volume / days) at full uptime.
/// P10/P50/P90 follow the reserves convention (SPE-PRMS): P10 is the high estimate (exceeded with 10 %
/// probability), P90 the low one, so P90 &lt;= P50 &lt;= P10.
/// </summary>
/// <param name="Date">First day of the period, when the fitted series has dates.</param>
/// <param name="StartDay">Start of the period, series days.</param>
/// <param name="Days">Length of the period, days.</param>
/// <param name="Rate">Fitted average rate, volume per day.</param>
/// <param name="Volume">Fitted volume of the period.</param>
/// <param name="Cumulative">History cumulative plus forecast volumes to the end of the period.</param>
/// <param name="RateP10">High-estimate rate.</param>
/// <param name="RateP50">Median rate.</param>
/// <param name="RateP90">Low-estimate rate.</param>
public sealed record ForecastPoint(
    DateOnly? Date, double StartDay, double Days, double Rate, double Volume, double Cumulative,
    double RateP10, double RateP50, double RateP90);

/// <summary>A forecast from a fit, with EUR and its uncertainty.</summary>
/// <param name="Points">The forecast periods, in order.</param>
/// <param name="Eur">EUR of the fitted curve (history + forecast to the economic limit or time cap).</param>
/// <param name="EurP10">High-estimate EUR.</param>
/// <param name="EurP50">Median EUR.</param>
/// <param name="EurP90">Low-estimate EUR.</param>
/// <param name="BootstrapSamples">Bootstrap samples that converged.</param>
public sealed record Forecast(
    IReadOnlyList<ForecastPoint> Points, double Eur, double EurP10, double EurP50, double EurP90, int BootstrapSamples);
