using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>A stream's decline curve: history and forecast.</summary>
internal sealed record DeclineCurveResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>The stream: oil, gas or water.</summary>
    [JsonPropertyName("stream")]
    public required string Stream { get; init; }

    /// <summary>Periods, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<DeclineCurveRow> Items { get; init; }
}

/// <summary>A stream's monthly decline forecast.</summary>
internal sealed record ForecastResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>The stream: oil, gas or water.</summary>
    [JsonPropertyName("stream")]
    public required string Stream { get; init; }

    /// <summary>Future months, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<ForecastRow> Items { get; init; }
}

/// <summary>A stream's robust trendline with outlier flags.</summary>
internal sealed record TrendlineResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>The stream: oil, gas or water.</summary>
    [JsonPropertyName("stream")]
    public required string Stream { get; init; }

    /// <summary>Periods, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<TrendlineRow> Items { get; init; }
}

/// <summary>A well's monthly revenue.</summary>
internal sealed record RevenueResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Months, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<RevenueRow> Items { get; init; }
}

/// <summary>The fields of the snapshot.</summary>
internal sealed record FieldListResponse
{
    /// <summary>Fields, by field code.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<FieldSummary> Items { get; init; }
}

/// <summary>A field's production by month (granularity=monthly, the default).</summary>
internal sealed record FieldMonthlyProductionResponse
{
    /// <summary>Field id (the path parameter).</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>The grain of the rows: daily, monthly or yearly.</summary>
    [JsonPropertyName("granularity")]
    public required string Granularity { get; init; }

    /// <summary>Months, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<FieldProductionMonthlyRow> Items { get; init; }
}

/// <summary>A field's production by year (granularity=yearly).</summary>
internal sealed record FieldYearlyProductionResponse
{
    /// <summary>Field id (the path parameter).</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>The grain of the rows: daily, monthly or yearly.</summary>
    [JsonPropertyName("granularity")]
    public required string Granularity { get; init; }

    /// <summary>Years, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<FieldProductionYearlyRow> Items { get; init; }
}
