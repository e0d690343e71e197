using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>A period of a stream's decline curve, history and forecast: actual rate, fitted P50, P10 and P90, and the fit's parameters (int_declining_curves).</summary>
internal sealed record DeclineCurveRow
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>'oil' or 'gas'.</summary>
    [JsonPropertyName("stream")]
    public required string Stream { get; init; }

    /// <summary>First day of the historical period, or of the forecast month.</summary>
    [JsonPropertyName("production_period")]
    public required DateOnly ProductionPeriod { get; init; }

    /// <summary>True for forecast months, false for history.</summary>
    [JsonPropertyName("is_forecast")]
    public bool? IsForecast { get; init; }

    /// <summary>Producing-day rate of the period (kbd or MMcfd); NULL when the well did not produce, and in the forecast.</summary>
    [JsonPropertyName("actual_rate")]
    public double? ActualRate { get; init; }

    /// <summary>P50 fitted (history: the per-well fit) or forecast (the well's one forecast, mart_decline_forecast's, as a producing-day rate) rate, kbd or MMcfd; NULL before the fit's start (t0_date).</summary>
    [JsonPropertyName("fitted_rate")]
    public double? FittedRate { get; init; }

    /// <summary>High estimate (P10) of the rate, kbd or MMcfd.</summary>
    [JsonPropertyName("rate_p10")]
    public double? RateP10 { get; init; }

    /// <summary>Low estimate (P90) of the rate, kbd or MMcfd.</summary>
    [JsonPropertyName("rate_p90")]
    public double? RateP90 { get; init; }

    /// <summary>Decline model chosen by BIC - exponential, hyperbolic, harmonic, modified_hyperbolic, duong or stretched_exponential.</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Initial producing-day rate at t0_date, kbd or MMcfd.</summary>
    [JsonPropertyName("qi")]
    public double? Qi { get; init; }

    /// <summary>Initial nominal decline, per year (per day x 365.25); NULL for models without one (stretched exponential).</summary>
    [JsonPropertyName("di_nominal_per_year")]
    public double? DiNominalPerYear { get; init; }

    /// <summary>Arps b exponent (0 exponential, 1 harmonic).</summary>
    [JsonPropertyName("b")]
    public double? B { get; init; }

    /// <summary>Terminal nominal decline of a modified hyperbolic fit, per year; NULL for other models.</summary>
    [JsonPropertyName("dmin_per_year")]
    public double? DminPerYear { get; init; }

    /// <summary>Start of the fitted segment (the peak, or the restart after a workover).</summary>
    [JsonPropertyName("t0_date")]
    public DateOnly? T0Date { get; init; }

    /// <summary>Index of the segment of the history the fit uses, as Wellhouse.Decline numbers them (a new segment starts at a restart after a workover).</summary>
    [JsonPropertyName("segment")]
    public int? Segment { get; init; }
}

/// <summary>A future month of a stream's decline forecast (mart_decline_forecast).</summary>
internal sealed record ForecastRow
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>'oil' or 'gas'.</summary>
    [JsonPropertyName("stream")]
    public required string Stream { get; init; }

    /// <summary>First day of the forecast month.</summary>
    [JsonPropertyName("month")]
    public required DateOnly Month { get; init; }

    /// <summary>High estimate of the rate, kbd or MMcfd: the month's volume over its calendar days at the well's uptime (the producing-day rate is rate / uptime).</summary>
    [JsonPropertyName("rate_p10")]
    public double? RateP10 { get; init; }

    /// <summary>P50 rate, kbd or MMcfd (as rate_p10).</summary>
    [JsonPropertyName("rate_p50")]
    public double? RateP50 { get; init; }

    /// <summary>Low estimate of the rate, kbd or MMcfd (as rate_p10).</summary>
    [JsonPropertyName("rate_p90")]
    public double? RateP90 { get; init; }

    /// <summary>P50 volume of the month, kbbl (oil) or MMcf (gas).</summary>
    [JsonPropertyName("volume_p50")]
    public double? VolumeP50 { get; init; }

    /// <summary>P50 cumulative to the end of the month (history + forecast), kbbl or MMcf.</summary>
    [JsonPropertyName("cum_p50")]
    public double? CumP50 { get; init; }

    /// <summary>Producing days over calendar days the forecast assumes: the well's last year (population) or 1 (per_well_fit, producing-day rates at full uptime).</summary>
    [JsonPropertyName("uptime")]
    public double? Uptime { get; init; }

    /// <summary>'population' (the population method of `wellhouse decline forecast`) or 'per_well_fit' (the well's own decline fit, for wells the population method cannot forecast).</summary>
    [JsonPropertyName("method")]
    public string? Method { get; init; }
}
