namespace Wellhouse.Ingest;

/// <summary>
/// One row of the raw contract (table <c>well_production</c>, see docs/domain.md): one well, one reporting period.
/// Rates are calendar-day averages: oil, liquids and water in thousand barrels per day, gas in million standard cubic
/// feet per day. The same (WellCode, ProductionPeriod) may arrive more than once; the latest UpdatedAt wins downstream.
/// </summary>
internal sealed record RawProductionRow
{
    public int? FieldCode { get; init; }

    public string? FieldName { get; init; }

    public int? WellCode { get; init; }

    public string? WellReference { get; init; }

    public string? WellName { get; init; }

    /// <summary>First day of the reporting period.</summary>
    public DateOnly ProductionPeriod { get; init; }

    public double? DaysOnProduction { get; init; }

    public double? OilProductionKbd { get; init; }

    public double? GasProductionMmcfd { get; init; }

    public double? LiquidsProductionKbd { get; init; }

    public double? WaterProductionKbd { get; init; }

    /// <summary>The feed that delivered the row; the seed data_sources.csv says whether it reports days or months.</summary>
    public string? DataSource { get; init; }

    public string? SourceData { get; init; }

    public string? Partition0 { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    /// <summary>The contract's column names, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "field_code", "field_name", "well_code", "well_reference", "well_name", "production_period",
        "days_on_production", "oil_production_kbd", "gas_production_mmcfd", "liquids_production_kbd",
        "water_production_kbd", "data_source", "source_data", "partition_0", "created_at", "updated_at",
    ];
}
