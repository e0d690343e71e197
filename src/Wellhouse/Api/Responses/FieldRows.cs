using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>A field with its well count and cumulatives (summed over mart_well_summary).</summary>
internal sealed record FieldSummary
{
    /// <summary>Field id.</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("field_name")]
    public string? FieldName { get; init; }

    /// <summary>Wells of the field.</summary>
    [JsonPropertyName("well_count")]
    public long? WellCount { get; init; }

    /// <summary>Cumulative oil of the field's wells to date, kbbl.</summary>
    [JsonPropertyName("cum_oil_kbbl")]
    public double? CumOilKbbl { get; init; }

    /// <summary>Cumulative gas of the field's wells to date, MMcf.</summary>
    [JsonPropertyName("cum_gas_mmcf")]
    public double? CumGasMmcf { get; init; }

    /// <summary>Cumulative water of the field's wells to date, kbbl.</summary>
    [JsonPropertyName("cum_water_kbbl")]
    public double? CumWaterKbbl { get; init; }

    /// <summary>First period with oil or gas above zero of any of its wells.</summary>
    [JsonPropertyName("first_production_date")]
    public DateOnly? FirstProductionDate { get; init; }

    /// <summary>Last period with oil or gas above zero of any of its wells.</summary>
    [JsonPropertyName("last_production_date")]
    public DateOnly? LastProductionDate { get; init; }
}

/// <summary>A month of a field (mart_field_production_monthly): volumes summed over its wells, calendar-day rates.</summary>
internal sealed record FieldProductionMonthlyRow
{
    /// <summary>Field id.</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("field_name")]
    public string? FieldName { get; init; }

    /// <summary>First day of the month.</summary>
    [JsonPropertyName("month")]
    public required DateOnly Month { get; init; }

    /// <summary>Calendar year.</summary>
    [JsonPropertyName("year")]
    public required int Year { get; init; }

    /// <summary>Calendar days of the month.</summary>
    [JsonPropertyName("calendar_days")]
    public int? CalendarDays { get; init; }

    /// <summary>Days of the month the data cover (inside the reported span): fewer than calendar_days for a partial month; the rates divide by it.</summary>
    [JsonPropertyName("reported_days")]
    public int? ReportedDays { get; init; }

    /// <summary>Producing wells: wells with oil or gas volume above zero in the period (injectors and wells reporting zeros are not counted).</summary>
    [JsonPropertyName("well_count")]
    public long? WellCount { get; init; }

    /// <summary>Producing days summed over the period's reports, days.</summary>
    [JsonPropertyName("producing_days")]
    public double? ProducingDays { get; init; }

    /// <summary>Oil volume, kbbl (sum of period volumes).</summary>
    [JsonPropertyName("oil_volume_kbbl")]
    public double? OilVolumeKbbl { get; init; }

    /// <summary>Gas volume, MMcf.</summary>
    [JsonPropertyName("gas_volume_mmcf")]
    public double? GasVolumeMmcf { get; init; }

    /// <summary>Produced water volume, kbbl.</summary>
    [JsonPropertyName("water_volume_kbbl")]
    public double? WaterVolumeKbbl { get; init; }

    /// <summary>Oil + condensate + NGL volume, kbbl.</summary>
    [JsonPropertyName("liquids_volume_kbbl")]
    public double? LiquidsVolumeKbbl { get; init; }

    /// <summary>Oil calendar-day average rate, kbd (= volume / reported_days).</summary>
    [JsonPropertyName("oil_rate_kbd")]
    public double? OilRateKbd { get; init; }

    /// <summary>Gas calendar-day average rate, MMcfd.</summary>
    [JsonPropertyName("gas_rate_mmcfd")]
    public double? GasRateMmcfd { get; init; }

    /// <summary>Water calendar-day average rate, kbd.</summary>
    [JsonPropertyName("water_rate_kbd")]
    public double? WaterRateKbd { get; init; }
}

/// <summary>A year of a field (mart_field_production_yearly).</summary>
internal sealed record FieldProductionYearlyRow
{
    /// <summary>Field id.</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("field_name")]
    public string? FieldName { get; init; }

    /// <summary>Calendar year.</summary>
    [JsonPropertyName("year")]
    public required int Year { get; init; }

    /// <summary>Calendar days of the year.</summary>
    [JsonPropertyName("calendar_days")]
    public int? CalendarDays { get; init; }

    /// <summary>Days of the year the data cover (inside the reported span): fewer than calendar_days for a partial year; the rates divide by it.</summary>
    [JsonPropertyName("reported_days")]
    public int? ReportedDays { get; init; }

    /// <summary>Producing wells: wells with oil or gas volume above zero in the period (injectors and wells reporting zeros are not counted).</summary>
    [JsonPropertyName("well_count")]
    public long? WellCount { get; init; }

    /// <summary>Producing days summed over the period's reports, days.</summary>
    [JsonPropertyName("producing_days")]
    public double? ProducingDays { get; init; }

    /// <summary>Oil volume, kbbl (sum of period volumes).</summary>
    [JsonPropertyName("oil_volume_kbbl")]
    public double? OilVolumeKbbl { get; init; }

    /// <summary>Gas volume, MMcf.</summary>
    [JsonPropertyName("gas_volume_mmcf")]
    public double? GasVolumeMmcf { get; init; }

    /// <summary>Produced water volume, kbbl.</summary>
    [JsonPropertyName("water_volume_kbbl")]
    public double? WaterVolumeKbbl { get; init; }

    /// <summary>Oil + condensate + NGL volume, kbbl.</summary>
    [JsonPropertyName("liquids_volume_kbbl")]
    public double? LiquidsVolumeKbbl { get; init; }

    /// <summary>Oil calendar-day average rate, kbd (= volume / reported_days).</summary>
    [JsonPropertyName("oil_rate_kbd")]
    public double? OilRateKbd { get; init; }

    /// <summary>Gas calendar-day average rate, MMcfd.</summary>
    [JsonPropertyName("gas_rate_mmcfd")]
    public double? GasRateMmcfd { get; init; }

    /// <summary>Water calendar-day average rate, kbd.</summary>
    [JsonPropertyName("water_rate_kbd")]
    public double? WaterRateKbd { get; init; }
}
