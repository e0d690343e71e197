using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>A well in the list (a subset of mart_well_summary).</summary>
internal sealed record WellListItem
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Well name.</summary>
    [JsonPropertyName("well_name")]
    public string? WellName { get; init; }

    /// <summary>Operator's reference.</summary>
    [JsonPropertyName("well_reference")]
    public string? WellReference { get; init; }

    /// <summary>Field id.</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("field_name")]
    public string? FieldName { get; init; }

    /// <summary>The feed that delivers the well.</summary>
    [JsonPropertyName("data_source")]
    public string? DataSource { get; init; }

    /// <summary>First period with oil or gas above zero.</summary>
    [JsonPropertyName("first_production_date")]
    public DateOnly? FirstProductionDate { get; init; }

    /// <summary>Last period with oil or gas above zero.</summary>
    [JsonPropertyName("last_production_date")]
    public DateOnly? LastProductionDate { get; init; }

    /// <summary>Cumulative oil to date, kbbl.</summary>
    [JsonPropertyName("cum_oil_kbbl")]
    public double? CumOilKbbl { get; init; }

    /// <summary>Cumulative gas to date, MMcf.</summary>
    [JsonPropertyName("cum_gas_mmcf")]
    public double? CumGasMmcf { get; init; }

    /// <summary>Cumulative water to date, kbbl.</summary>
    [JsonPropertyName("cum_water_kbbl")]
    public double? CumWaterKbbl { get; init; }
}

/// <summary>One well's summary (mart_well_summary): identity, dates, cumulatives, current rates, oil decline parameters and EUR.</summary>
internal sealed record WellSummary
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Well name.</summary>
    [JsonPropertyName("well_name")]
    public string? WellName { get; init; }

    /// <summary>Operator's reference.</summary>
    [JsonPropertyName("well_reference")]
    public string? WellReference { get; init; }

    /// <summary>Field id.</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>Field name.</summary>
    [JsonPropertyName("field_name")]
    public string? FieldName { get; init; }

    /// <summary>The feed that delivers the well.</summary>
    [JsonPropertyName("data_source")]
    public string? DataSource { get; init; }

    /// <summary>First period with oil or gas above zero.</summary>
    [JsonPropertyName("first_production_date")]
    public DateOnly? FirstProductionDate { get; init; }

    /// <summary>Last period with oil or gas above zero.</summary>
    [JsonPropertyName("last_production_date")]
    public DateOnly? LastProductionDate { get; init; }

    /// <summary>The day after the last period any well of the data source reported: the date the status, forecast and
    /// remaining reserves are taken at.</summary>
    [JsonPropertyName("data_as_of_date")]
    public DateOnly? DataAsOfDate { get; init; }

    /// <summary>'producing', 'shut_in' or 'abandoned' (no oil or gas for abandoned_after_months whole months, 12 by default: no forecast, no remaining reserves).</summary>
    [JsonPropertyName("well_status")]
    public string? WellStatus { get; init; }

    /// <summary>Whole months from the end of the last month with oil or gas to data_as_of_date.</summary>
    [JsonPropertyName("months_without_production")]
    public long? MonthsWithoutProduction { get; init; }

    /// <summary>Producing days to date, days.</summary>
    [JsonPropertyName("producing_days")]
    public double? ProducingDays { get; init; }

    /// <summary>Cumulative oil to date, kbbl.</summary>
    [JsonPropertyName("cum_oil_kbbl")]
    public double? CumOilKbbl { get; init; }

    /// <summary>Cumulative gas to date, MMcf.</summary>
    [JsonPropertyName("cum_gas_mmcf")]
    public double? CumGasMmcf { get; init; }

    /// <summary>Cumulative water to date, kbbl.</summary>
    [JsonPropertyName("cum_water_kbbl")]
    public double? CumWaterKbbl { get; init; }

    /// <summary>The last month the well reported that is not a correction (no negative oil or gas volume): the month of the current rates.</summary>
    [JsonPropertyName("current_rate_month")]
    public DateOnly? CurrentRateMonth { get; init; }

    /// <summary>Days of current_rate_month the data cover: fewer than the month's when it is reported in part.</summary>
    [JsonPropertyName("current_rate_days")]
    public double? CurrentRateDays { get; init; }

    /// <summary>Oil calendar-day average rate of current_rate_month over its reported days, kbd; never negative.</summary>
    [JsonPropertyName("current_oil_rate_kbd")]
    public double? CurrentOilRateKbd { get; init; }

    /// <summary>Gas calendar-day average rate of current_rate_month over its reported days, MMcfd; never negative.</summary>
    [JsonPropertyName("current_gas_rate_mmcfd")]
    public double? CurrentGasRateMmcfd { get; init; }

    /// <summary>Decline model of the oil fit; NULL when it could not be fit.</summary>
    [JsonPropertyName("oil_model")]
    public string? OilModel { get; init; }

    /// <summary>Oil initial producing-day rate, kbd.</summary>
    [JsonPropertyName("oil_qi_kbd")]
    public double? OilQiKbd { get; init; }

    /// <summary>Oil initial nominal decline, per year.</summary>
    [JsonPropertyName("oil_di_nominal_per_year")]
    public double? OilDiNominalPerYear { get; init; }

    /// <summary>Oil Arps b exponent.</summary>
    [JsonPropertyName("oil_b")]
    public double? OilB { get; init; }

    /// <summary>Oil terminal nominal decline, per year (modified hyperbolic).</summary>
    [JsonPropertyName("oil_dmin_per_year")]
    public double? OilDminPerYear { get; init; }

    /// <summary>Which forecast the oil EUR and remaining reserves come from: 'population' (the population method, as the forecast's rows), 'per_well_fit' (the well's own fit, where the population method cannot forecast it), 'none' for an abandoned well.</summary>
    [JsonPropertyName("oil_forecast_method")]
    public string? OilForecastMethod { get; init; }

    /// <summary>Oil EUR (P50), kbbl: cumulative + the forecast's volume to the economic limit or the time cap (population: its months, then the well's terminal decline; docs/domain.md).</summary>
    [JsonPropertyName("oil_eur_kbbl")]
    public double? OilEurKbbl { get; init; }

    /// <summary>Oil remaining reserves (P50), kbbl = EUR - cumulative.</summary>
    [JsonPropertyName("oil_remaining_kbbl")]
    public double? OilRemainingKbbl { get; init; }

    /// <summary>Oil EUR high estimate (P10), kbbl.</summary>
    [JsonPropertyName("oil_eur_p10_kbbl")]
    public double? OilEurP10Kbbl { get; init; }

    /// <summary>Oil EUR low estimate (P90), kbbl.</summary>
    [JsonPropertyName("oil_eur_p90_kbbl")]
    public double? OilEurP90Kbbl { get; init; }

    /// <summary>Where the oil EUR stops: the date its forecast rate reaches the economic limit, or the time cap.</summary>
    [JsonPropertyName("oil_eur_end_date")]
    public DateOnly? OilEurEndDate { get; init; }

    /// <summary>'economic_limit' or 'time_cap': which ended the oil EUR; 'abandoned' for an abandoned well.</summary>
    [JsonPropertyName("oil_eur_limited_by")]
    public string? OilEurLimitedBy { get; init; }

    /// <summary>Gas EUR (P50), MMcf.</summary>
    [JsonPropertyName("gas_eur_mmcf")]
    public double? GasEurMmcf { get; init; }
}
