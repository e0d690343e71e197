using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>A reported period of a well as staged (mart_production_daily: stg_well_production with int_wells; period_type day): volumes, calendar-day and producing-day rates.</summary>
internal sealed record ProductionDailyRow
{
    /// <summary>Well (wellbore) id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Well name.</summary>
    [JsonPropertyName("well_name")]
    public string? WellName { get; init; }

    /// <summary>Operator's reference, e.g. NO 15/9-F-12.</summary>
    [JsonPropertyName("well_reference")]
    public string? WellReference { get; init; }

    /// <summary>Field id (NPD/Sodir field code where known).</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("field_name")]
    public string? FieldName { get; init; }

    /// <summary>The feed that delivered the row.</summary>
    [JsonPropertyName("data_source")]
    public string? DataSource { get; init; }

    /// <summary>'day' or 'month'.</summary>
    [JsonPropertyName("period_type")]
    public string? PeriodType { get; init; }

    /// <summary>Local currency of the data source (ISO 4217), for revenue_local.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary>First day of the reporting period (DATE).</summary>
    [JsonPropertyName("production_period")]
    public required DateOnly ProductionPeriod { get; init; }

    /// <summary>Calendar days of the period (1 for a day, 28-31 for a month).</summary>
    [JsonPropertyName("period_days")]
    public int? PeriodDays { get; init; }

    /// <summary>Producing days in the period (days, 0 to period_days).</summary>
    [JsonPropertyName("days_on_production")]
    public double? DaysOnProduction { get; init; }

    /// <summary>Oil volume of the period, kbbl (= oil_rate_kbd x period_days).</summary>
    [JsonPropertyName("oil_volume_kbbl")]
    public double? OilVolumeKbbl { get; init; }

    /// <summary>Gas volume of the period, MMcf (= gas_rate_mmcfd x period_days).</summary>
    [JsonPropertyName("gas_volume_mmcf")]
    public double? GasVolumeMmcf { get; init; }

    /// <summary>Produced water volume of the period, kbbl.</summary>
    [JsonPropertyName("water_volume_kbbl")]
    public double? WaterVolumeKbbl { get; init; }

    /// <summary>Oil + condensate + NGL volume of the period, kbbl.</summary>
    [JsonPropertyName("liquids_volume_kbbl")]
    public double? LiquidsVolumeKbbl { get; init; }

    /// <summary>Oil calendar-day average rate as reported, kbd.</summary>
    [JsonPropertyName("oil_rate_kbd")]
    public double? OilRateKbd { get; init; }

    /// <summary>Gas calendar-day average rate as reported, MMcfd.</summary>
    [JsonPropertyName("gas_rate_mmcfd")]
    public double? GasRateMmcfd { get; init; }

    /// <summary>Water calendar-day average rate as reported, kbd.</summary>
    [JsonPropertyName("water_rate_kbd")]
    public double? WaterRateKbd { get; init; }

    /// <summary>Oil producing-day rate, kbd (= oil_volume_kbbl / days_on_production; NULL when 0).</summary>
    [JsonPropertyName("oil_producing_rate_kbd")]
    public double? OilProducingRateKbd { get; init; }

    /// <summary>Gas producing-day rate, MMcfd (NULL when days_on_production is 0).</summary>
    [JsonPropertyName("gas_producing_rate_mmcfd")]
    public double? GasProducingRateMmcfd { get; init; }

    /// <summary>Water producing-day rate, kbd (NULL when days_on_production is 0).</summary>
    [JsonPropertyName("water_producing_rate_kbd")]
    public double? WaterProducingRateKbd { get; init; }

    /// <summary>When the winning version of the row was last changed.</summary>
    [JsonPropertyName("updated_at")]
    public DateTime? UpdatedAt { get; init; }
}
