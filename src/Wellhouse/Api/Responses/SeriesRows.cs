using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

/// <summary>Cumulative volumes and producing days of a well by period (int_production_cumsum).</summary>
internal sealed record CumulativeRow
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>First day of the period.</summary>
    [JsonPropertyName("production_period")]
    public required DateOnly ProductionPeriod { get; init; }

    /// <summary>'day' or 'month'.</summary>
    [JsonPropertyName("period_type")]
    public string? PeriodType { get; init; }

    /// <summary>Oil volume of the period, kbbl.</summary>
    [JsonPropertyName("oil_volume_kbbl")]
    public double? OilVolumeKbbl { get; init; }

    /// <summary>Gas volume of the period, MMcf.</summary>
    [JsonPropertyName("gas_volume_mmcf")]
    public double? GasVolumeMmcf { get; init; }

    /// <summary>Water volume of the period, kbbl.</summary>
    [JsonPropertyName("water_volume_kbbl")]
    public double? WaterVolumeKbbl { get; init; }

    /// <summary>Cumulative oil to the end of the period, kbbl.</summary>
    [JsonPropertyName("cum_oil_kbbl")]
    public double? CumOilKbbl { get; init; }

    /// <summary>Cumulative gas to the end of the period, MMcf.</summary>
    [JsonPropertyName("cum_gas_mmcf")]
    public double? CumGasMmcf { get; init; }

    /// <summary>Cumulative water to the end of the period, kbbl.</summary>
    [JsonPropertyName("cum_water_kbbl")]
    public double? CumWaterKbbl { get; init; }

    /// <summary>Cumulative producing days to the end of the period, days.</summary>
    [JsonPropertyName("cum_days_on_production")]
    public double? CumDaysOnProduction { get; init; }
}

/// <summary>Trailing moving averages of a well's rates over a named window (int_moving_averages).</summary>
internal sealed record MovingAverageRow
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Last period of the window (first day).</summary>
    [JsonPropertyName("production_period")]
    public required DateOnly ProductionPeriod { get; init; }

    /// <summary>'day' or 'month'.</summary>
    [JsonPropertyName("period_type")]
    public string? PeriodType { get; init; }

    /// <summary>Window name, e.g. 30d or 3m (quote it in SQL - a reserved word).</summary>
    [JsonPropertyName("window")]
    public string? Window { get; init; }

    /// <summary>Oil calendar-day average rate over the window, kbd.</summary>
    [JsonPropertyName("oil_rate_avg_kbd")]
    public double? OilRateAvgKbd { get; init; }

    /// <summary>Gas calendar-day average rate over the window, MMcfd.</summary>
    [JsonPropertyName("gas_rate_avg_mmcfd")]
    public double? GasRateAvgMmcfd { get; init; }

    /// <summary>Water calendar-day average rate over the window, kbd.</summary>
    [JsonPropertyName("water_rate_avg_kbd")]
    public double? WaterRateAvgKbd { get; init; }

    /// <summary>Mean of the oil decline fit's P50 producing-day rate over the window, kbd.</summary>
    [JsonPropertyName("oil_fitted_rate_avg_kbd")]
    public double? OilFittedRateAvgKbd { get; init; }
}

/// <summary>A period of a stream's robust trendline with its residual z-score and outlier flag (int_ml_trendlines_output).</summary>
internal sealed record TrendlineRow
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>'oil', 'gas' or 'water'.</summary>
    [JsonPropertyName("stream")]
    public required string Stream { get; init; }

    /// <summary>First day of the period.</summary>
    [JsonPropertyName("production_period")]
    public required DateOnly ProductionPeriod { get; init; }

    /// <summary>Producing-day rate, kbd (oil, water) or MMcfd (gas).</summary>
    [JsonPropertyName("actual_rate")]
    public double? ActualRate { get; init; }

    /// <summary>Trendline producing-day rate, same unit as actual_rate.</summary>
    [JsonPropertyName("trend_rate")]
    public double? TrendRate { get; init; }

    /// <summary>Robust z-score of the log residual: (ln actual_rate - ln trend_rate) / residual_sigma (0 when residual_sigma is 0).</summary>
    [JsonPropertyName("residual_z")]
    public double? ResidualZ { get; init; }

    /// <summary>True when the period is an outlier of the trend.</summary>
    [JsonPropertyName("is_outlier")]
    public bool? IsOutlier { get; init; }

    /// <summary>The series' residual scale in ln units (one value per well and stream): the outlier band is trend_rate x
    /// exp(+-z x residual_sigma), z the outlier threshold (3 unless the project sets trendline_outlier_z).</summary>
    [JsonPropertyName("residual_sigma")]
    public double? ResidualSigma { get; init; }
}

/// <summary>A month of a well's revenue in USD and the local currency (mart_revenue).</summary>
internal sealed record RevenueRow
{
    /// <summary>Well id.</summary>
    [JsonPropertyName("well_code")]
    public required int WellCode { get; init; }

    /// <summary>Field id.</summary>
    [JsonPropertyName("field_code")]
    public required int FieldCode { get; init; }

    /// <summary>First day of the month.</summary>
    [JsonPropertyName("month")]
    public required DateOnly Month { get; init; }

    /// <summary>Oil volume, bbl (kbbl x 1000; missing = 0).</summary>
    [JsonPropertyName("oil_volume_bbl")]
    public double? OilVolumeBbl { get; init; }

    /// <summary>Gas volume, Mcf (MMcf x 1000; missing = 0).</summary>
    [JsonPropertyName("gas_volume_mcf")]
    public double? GasVolumeMcf { get; init; }

    /// <summary>NGL and condensate volume, bbl (liquids - oil): not priced, not in revenue_usd.</summary>
    [JsonPropertyName("ngl_condensate_volume_bbl")]
    public double? NglCondensateVolumeBbl { get; init; }

    /// <summary>The benchmark pricing the well's oil in its price region (brent, wti); null when none.</summary>
    [JsonPropertyName("oil_benchmark")]
    public string? OilBenchmark { get; init; }

    /// <summary>The oil benchmark's monthly average, USD/bbl.</summary>
    [JsonPropertyName("oil_price_usd_per_bbl")]
    public double? OilPriceUsdPerBbl { get; init; }

    /// <summary>The benchmark pricing the well's gas (europe_gas in the North Sea, henry_hub); null when its region has none.</summary>
    [JsonPropertyName("gas_benchmark")]
    public string? GasBenchmark { get; init; }

    /// <summary>The gas benchmark's monthly average, USD/MMBtu.</summary>
    [JsonPropertyName("gas_price_usd_per_mmbtu")]
    public double? GasPriceUsdPerMmbtu { get; init; }

    /// <summary>Gas heat content, MMBtu/Mcf (var heat_content_mmbtu_per_mcf).</summary>
    [JsonPropertyName("heat_content_mmbtu_per_mcf")]
    public double? HeatContentMmbtuPerMcf { get; init; }

    /// <summary>Oil revenue, USD: 0 without oil, null when oil was produced without a price.</summary>
    [JsonPropertyName("oil_revenue_usd")]
    public double? OilRevenueUsd { get; init; }

    /// <summary>Gas revenue, USD: 0 without gas, null when gas was produced without a price.</summary>
    [JsonPropertyName("gas_revenue_usd")]
    public double? GasRevenueUsd { get; init; }

    /// <summary>Oil + gas revenue, USD; null when either is.</summary>
    [JsonPropertyName("revenue_usd")]
    public double? RevenueUsd { get; init; }

    /// <summary>Local currency (ISO 4217) of the well's data source, else var default_currency.</summary>
    [JsonPropertyName("currency")]
    public string? Currency { get; init; }

    /// <summary>Local currency per USD in the month (1 for USD).</summary>
    [JsonPropertyName("fx_local_per_usd")]
    public double? FxLocalPerUsd { get; init; }

    /// <summary>revenue_usd x fx_local_per_usd, in the local currency.</summary>
    [JsonPropertyName("revenue_local")]
    public double? RevenueLocal { get; init; }

    /// <summary>False when revenue_local is null: a stream produced without a price, or no exchange rate.</summary>
    [JsonPropertyName("is_priced")]
    public bool? IsPriced { get; init; }
}
