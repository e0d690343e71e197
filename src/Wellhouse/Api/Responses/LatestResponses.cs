using System.Data.Common;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>A well's raw rows received after the served snapshot was built (the real-time path).</summary>
internal sealed record LatestResponse
{
    /// <summary>Well id (the path parameter).</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Raw batches received after the served snapshot was built (the rows come from these).</summary>
    [JsonPropertyName("batches_after_snapshot")]
    public required int BatchesAfterSnapshot { get; init; }

    /// <summary>The rows, newest period first (then newest update first), at most the limit asked for.</summary>
    [JsonPropertyName("items")]
    public required IReadOnlyList<LatestRawRow> Items { get; init; }
}

/// <summary>
/// One row of the raw contract (docs/domain.md) as uploaded: calendar-day average rates, oil, liquids and water in kbd
/// (thousand barrels per day), gas in MMcfd (million standard cubic feet per day).
/// </summary>
internal sealed record LatestRawRow
{
    /// <summary>Field id.</summary>
    [JsonPropertyName("field_code")]
    public int? FieldCode { get; init; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("field_name")]
    public string? FieldName { get; init; }

    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Operator's reference of the well.</summary>
    [JsonPropertyName("well_reference")]
    public string? WellReference { get; init; }

    /// <summary>Well name.</summary>
    [JsonPropertyName("well_name")]
    public string? WellName { get; init; }

    /// <summary>First day of the reporting period.</summary>
    [JsonPropertyName("production_period")]
    public required DateOnly ProductionPeriod { get; init; }

    /// <summary>Producing days in the period, days.</summary>
    [JsonPropertyName("days_on_production")]
    public double? DaysOnProduction { get; init; }

    /// <summary>Oil calendar-day average rate, kbd.</summary>
    [JsonPropertyName("oil_production_kbd")]
    public double? OilProductionKbd { get; init; }

    /// <summary>Gas calendar-day average rate, MMcfd.</summary>
    [JsonPropertyName("gas_production_mmcfd")]
    public double? GasProductionMmcfd { get; init; }

    /// <summary>Liquids (oil + condensate + NGL) calendar-day average rate, kbd.</summary>
    [JsonPropertyName("liquids_production_kbd")]
    public double? LiquidsProductionKbd { get; init; }

    /// <summary>Water calendar-day average rate, kbd.</summary>
    [JsonPropertyName("water_production_kbd")]
    public double? WaterProductionKbd { get; init; }

    /// <summary>The feed that delivered the row.</summary>
    [JsonPropertyName("data_source")]
    public string? DataSource { get; init; }

    /// <summary>The source file or system of the row.</summary>
    [JsonPropertyName("source_data")]
    public string? SourceData { get; init; }

    /// <summary>The source's partition (e.g. a year).</summary>
    [JsonPropertyName("partition_0")]
    public string? Partition0 { get; init; }

    /// <summary>When the row was created at the source (ISO 8601, UTC, no offset).</summary>
    [JsonPropertyName("created_at")]
    public DateTime? CreatedAt { get; init; }

    /// <summary>When the row was last changed at the source (ISO 8601, UTC, no offset); the latest wins downstream.</summary>
    [JsonPropertyName("updated_at")]
    public DateTime? UpdatedAt { get; init; }

    /// <summary>The reader's current row (columns of the raw contract, read by name).</summary>
    public static LatestRawRow Read(DbDataReader reader)
    {
        object? Value(string name)
        {
            var ordinal = reader.GetOrdinal(name);
            return reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
        }

        int? Int(string name) => Value(name) is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;
        double? Double(string name) => Value(name) is { } value ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : null;
        string? Text(string name) => Value(name) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        DateTime? Time(string name) => Value(name) is DateTime value ? value : null;

        return new LatestRawRow
        {
            FieldCode = Int("field_code"),
            FieldName = Text("field_name"),
            WellCode = Int("well_code") ?? 0,
            WellReference = Text("well_reference"),
            WellName = Text("well_name"),
            ProductionPeriod = Value("production_period") switch
            {
                DateOnly date => date,
                DateTime time => DateOnly.FromDateTime(time),
                _ => default,
            },
            DaysOnProduction = Double("days_on_production"),
            OilProductionKbd = Double("oil_production_kbd"),
            GasProductionMmcfd = Double("gas_production_mmcfd"),
            LiquidsProductionKbd = Double("liquids_production_kbd"),
            WaterProductionKbd = Double("water_production_kbd"),
            DataSource = Text("data_source"),
            SourceData = Text("source_data"),
            Partition0 = Text("partition_0"),
            CreatedAt = Time("created_at"),
            UpdatedAt = Time("updated_at"),
        };
    }
}
