using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>A month of a well (mart_production_monthly).</summary>
internal sealed record ProductionMonthlyRow
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Well name.</summary>
    [JsonPropertyName("well_name")]
    public string? WellName { get; init; }

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

    /// <summary>Calendar days of the month (28-31).</summary>
    [JsonPropertyName("calendar_days")]
    public int? CalendarDays { get; init; }

    /// <summary>Days of the month the data cover (inside the reported span): fewer than calendar_days for a partial month; the rates divide by it.</summary>
    [JsonPropertyName("reported_days")]
    public int? ReportedDays { get; init; }

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

    /// <summary>Cumulative oil to the end of the period, kbbl.</summary>
    [JsonPropertyName("cum_oil_kbbl")]
    public double? CumOilKbbl { get; init; }

    /// <summary>Cumulative gas to the end of the period, MMcf.</summary>
    [JsonPropertyName("cum_gas_mmcf")]
    public double? CumGasMmcf { get; init; }

    /// <summary>Cumulative water to the end of the period, kbbl.</summary>
    [JsonPropertyName("cum_water_kbbl")]
    public double? CumWaterKbbl { get; init; }
}

/// <summary>A year of a well (mart_production_yearly).</summary>
internal sealed record ProductionYearlyRow
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Well name.</summary>
    [JsonPropertyName("well_name")]
    public string? WellName { get; init; }

    /// <summary>Field id.</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("field_name")]
    public string? FieldName { get; init; }

    /// <summary>Calendar year.</summary>
    [JsonPropertyName("year")]
    public required int Year { get; init; }

    /// <summary>Calendar days of the year (365 or 366).</summary>
    [JsonPropertyName("calendar_days")]
    public int? CalendarDays { get; init; }

    /// <summary>Days of the year the data cover (inside the reported span): fewer than calendar_days for a partial year; the rates divide by it.</summary>
    [JsonPropertyName("reported_days")]
    public int? ReportedDays { get; init; }

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

    /// <summary>Cumulative oil to the end of the period, kbbl.</summary>
    [JsonPropertyName("cum_oil_kbbl")]
    public double? CumOilKbbl { get; init; }

    /// <summary>Cumulative gas to the end of the period, MMcf.</summary>
    [JsonPropertyName("cum_gas_mmcf")]
    public double? CumGasMmcf { get; init; }

    /// <summary>Cumulative water to the end of the period, kbbl.</summary>
    [JsonPropertyName("cum_water_kbbl")]
    public double? CumWaterKbbl { get; init; }
}
