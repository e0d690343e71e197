using System.Security.Cryptography;
using DuckDB.NET.Data;
using Wellhouse.Generate;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// One build of warehouse/ with the profile target <c>attach</c>: the raw rows are the table main.well_production of
/// an application DuckDB file (WELLHOUSE_APP_DATABASE), here 3 generated daily wells plus one row without a well
/// code. The var raw_location keeps the project's default (the Volve sample) and WELLHOUSE_RAW_LOCATION names a
/// missing file: the target must read neither.
/// </summary>
public sealed class AttachBuildFixture : WarehouseBuildFixture
{
    public const int Wells = 3;

    private static readonly SyntheticWellOptions Options = new(Wells: Wells, Days: 400, Monthly: false, Seed: 3, Start: new DateOnly(2021, 1, 1));

    public string AppDatabase => Path.Combine(InputDirectory, "app.duckdb");

    /// <summary>SHA-256 of the application file before the build.</summary>
    public byte[] AppDatabaseHashBefore { get; private set; } = [];

    /// <summary>Oil of the app table's rows with a well code, kbbl (daily rows: rate x 1 day).</summary>
    public double AppOilKbbl { get; private set; }

    /// <summary>The app table's well codes, ascending.</summary>
    public IReadOnlyList<int> AppWellCodes { get; private set; } = [];

    private protected override async Task<WarehouseBuildOptions> PrepareAsync()
    {
        var generated = Path.Combine(InputDirectory, "generated");
        GeneratedDataset.Write(Options, generated, parquet: true);
        await using (var connection = new DuckDBConnection("Data Source=" + AppDatabase))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                create table main.well_production as select * from read_parquet('{Path.Combine(generated, "*.parquet")}');
                insert into main.well_production
                select * replace (cast(null as integer) as well_code) from main.well_production limit 1;
                """;
            await command.ExecuteNonQueryAsync();
            command.CommandText = "select sum(oil_production_kbd) from main.well_production where well_code is not null";
            AppOilKbbl = Convert.ToDouble(await command.ExecuteScalarAsync());
            command.CommandText = "select distinct well_code from main.well_production where well_code is not null order by 1";
            var codes = new List<int>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    codes.Add(reader.GetInt32(0));
                }
            }

            AppWellCodes = codes;
        }

        AppDatabaseHashBefore = await HashAppDatabaseAsync();
        return new WarehouseBuildOptions
        {
            Target = "attach",
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["WELLHOUSE_APP_DATABASE"] = AppDatabase,
                ["WELLHOUSE_RAW_LOCATION"] = Path.Combine(InputDirectory, "no-such-raw-store", "*.parquet"),
            },
        };
    }

    public async Task<byte[]> HashAppDatabaseAsync()
    {
        await using var file = File.OpenRead(AppDatabase);
        return await SHA256.HashDataAsync(file);
    }
}

/// <summary>The test classes that share the attach-target build.</summary>
[CollectionDefinition(Name)]
public sealed class AttachBuildCollection : ICollectionFixture<AttachBuildFixture>
{
    public const string Name = "Attach build";
}
