using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

// The JSON envelopes of the snapshot reads. RowsResult streams them straight from DuckDB (the envelope's values, then
// "items"); these records declare that shape for the OpenAPI document, and ResponseSchemaTests check what is sent
// against it on the bundled sample built by the real warehouse.

/// <summary>A page of wells.</summary>
internal sealed record WellListResponse
{
    /// <summary>Page number, from 1.</summary>
    [JsonPropertyName("page")]
    public required int Page { get; init; }

    /// <summary>Wells per page (1 to 1000).</summary>
    [JsonPropertyName("page_size")]
    public required int PageSize { get; init; }

    /// <summary>Wells matching the search and field filter, over all pages.</summary>
    [JsonPropertyName("total")]
    public required long Total { get; init; }

    /// <summary>The wells of the page, by well code.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<WellListItem> Items { get; init; }
}

/// <summary>A well's production by reported day (granularity=daily).</summary>
internal sealed record DailyProductionResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>The grain of the rows: daily, monthly or yearly.</summary>
    [JsonPropertyName("granularity")]
    public required string Granularity { get; init; }

    /// <summary>Days, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<ProductionDailyRow> Items { get; init; }
}

/// <summary>A well's production by month (granularity=monthly, the default).</summary>
internal sealed record MonthlyProductionResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>The grain of the rows: daily, monthly or yearly.</summary>
    [JsonPropertyName("granularity")]
    public required string Granularity { get; init; }

    /// <summary>Months, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<ProductionMonthlyRow> Items { get; init; }
}

/// <summary>A well's production by year (granularity=yearly).</summary>
internal sealed record YearlyProductionResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>The grain of the rows: daily, monthly or yearly.</summary>
    [JsonPropertyName("granularity")]
    public required string Granularity { get; init; }

    /// <summary>Years, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<ProductionYearlyRow> Items { get; init; }
}

/// <summary>A well's cumulative volumes by period.</summary>
internal sealed record CumulativeResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Periods, oldest first.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<CumulativeRow> Items { get; init; }
}

/// <summary>A well's trailing moving averages.</summary>
internal sealed record MovingAveragesResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>The window asked for (e.g. 30d, 3m); null when every window is listed.</summary>
    [JsonPropertyName("window")]
    public string? Window { get; init; }

    /// <summary>Periods, oldest first (then by window).</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<MovingAverageRow> Items { get; init; }
}
