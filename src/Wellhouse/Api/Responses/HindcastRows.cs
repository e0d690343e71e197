using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>Forecast accuracy at past as-of dates (mart_decline_hindcast) for one data source and stream.</summary>
internal sealed record HindcastResponse
{
    /// <summary>'oil' or 'gas'.</summary>
    [JsonPropertyName("stream")]
    public required string Stream { get; init; }

    /// <summary>Per model, cohort (in order of age, then 'all') and horizon.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<HindcastRow> Items { get; init; }
}

/// <summary>One model, age cohort and horizon of a hindcast.</summary>
internal sealed record HindcastRow
{
    /// <summary>The data source whose wells were forecast (one population).</summary>
    [JsonPropertyName("data_source")]
    public string? DataSource { get; init; }

    /// <summary>'oil' or 'gas'.</summary>
    [JsonPropertyName("stream")]
    public string? Stream { get; init; }

    /// <summary>'population' (type curve + own fit, calibrated band) or 'per-well-arps' (the well's own Arps fit, residual-bootstrap band).</summary>
    [JsonPropertyName("model")]
    public string? Model { get; init; }

    /// <summary>Age cohort at the as-of date, months since first production (1-5, 6-12, 13-24, 25+), or 'all'.</summary>
    [JsonPropertyName("cohort")]
    public string? Cohort { get; init; }

    /// <summary>Months after the as-of date whose volume is compared.</summary>
    [JsonPropertyName("horizon_months")]
    public int? HorizonMonths { get; init; }

    /// <summary>Forecasts compared (wells x as-of dates with production in the horizon).</summary>
    [JsonPropertyName("forecasts")]
    public int? Forecasts { get; init; }

    /// <summary>Median of |P50 - actual| / actual (0.2 = 20 %).</summary>
    [JsonPropertyName("median_ape")]
    public double? MedianApe { get; init; }

    /// <summary>Median of (P50 - actual) / actual: above 0 over-forecasts.</summary>
    [JsonPropertyName("median_bias")]
    public double? MedianBias { get; init; }

    /// <summary>Fraction of actual volumes inside the P90-P10 band (0.8 for a calibrated 80 % band).</summary>
    [JsonPropertyName("coverage")]
    public double? Coverage { get; init; }

    /// <summary>The first as-of date of the hindcast.</summary>
    [JsonPropertyName("first_as_of")]
    public DateOnly? FirstAsOf { get; init; }

    /// <summary>The last as-of date of the hindcast.</summary>
    [JsonPropertyName("last_as_of")]
    public DateOnly? LastAsOf { get; init; }
}
