namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// One build of warehouse/ on a small CSV in the raw contract where each data rule is broken by exactly one row:
/// a superseded version, a negative water rate, a NULL well code, a future period, days on production above the
/// period, an unknown data source, a monthly row not dated the 1st, a NULL period.
/// </summary>
public sealed class BadDataBuildFixture : WarehouseBuildFixture
{
    private const string Header = "field_code,field_name,well_code,well_reference,well_name,production_period,days_on_production,"
        + "oil_production_kbd,gas_production_mmcfd,liquids_production_kbd,water_production_kbd,data_source,source_data,partition_0,created_at,updated_at";

    private static readonly string[] Rows =
    [
        "1,F,1,R1,W1,2024-01-01,1,2.0,1.0,2.0,0.1,upload_daily,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2024-01-02,1,9.0,1.0,9.0,0.1,upload_daily,old,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2024-01-02,1,1.9,1.0,1.9,0.1,upload_daily,new,2024,2024-02-01 00:00:00,2024-02-02 00:00:00",
        "1,F,1,R1,W1,2024-01-03,0.5,0.9,0.4,0.9,-0.1,upload_daily,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,,R9,W9,2024-01-03,1,1.0,1.0,1.0,0.1,upload_daily,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2030-01-01,1,1.0,1.0,1.0,0.1,upload_daily,a,2030,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2024-01-04,1.5,1.0,1.0,1.0,0.1,upload_daily,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,1,R1,W1,2024-01-05,1,1.0,1.0,1.0,0.1,mystery_feed,a,2024,2024-02-01 00:00:00,2024-02-01 00:00:00",
        "1,F,2,R2,W2,2024-02-15,10,1.0,1.0,1.0,0.1,upload_monthly,a,2024,2024-03-01 00:00:00,2024-03-01 00:00:00",
        "1,F,2,R2,W2,2024-02-01,20,1.5,3.0,1.5,0.1,upload_monthly,a,2024,2024-03-01 00:00:00,2024-03-01 00:00:00",
        "1,F,2,R2,W2,,20,1.5,3.0,1.5,0.1,upload_monthly,a,2024,2024-03-01 00:00:00,2024-03-01 00:00:00",
    ];

    private protected override async Task<WarehouseBuildOptions> PrepareAsync()
    {
        var path = Path.Combine(InputDirectory, "bad_rows.csv");
        await File.WriteAllLinesAsync(path, [Header, .. Rows]);
        return new WarehouseBuildOptions { RawLocation = path };
    }
}

/// <summary>The test classes that share the bad-data build.</summary>
[CollectionDefinition(Name)]
public sealed class BadDataBuildCollection : ICollectionFixture<BadDataBuildFixture>
{
    public const string Name = "Bad data build";
}
