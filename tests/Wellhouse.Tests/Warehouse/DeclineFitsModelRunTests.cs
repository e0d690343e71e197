using DuckDB.NET.Data;
using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

/// <summary>
/// <see cref="DeclineFitsModel.ExecuteAsync"/> on a real DuckDB file, stg_well_production a view over a table of 40
/// daily wells x 900 days (two batches of wells are not needed: the order check is per row), stored in well and period
/// order as a build stores stg_well_production_accepted, or not.
/// </summary>
public sealed class DeclineFitsModelRunTests : IAsyncLifetime
{
    private const string Rows = """
        create table main.accepted_rows as
        select
            cast(w as integer) as well_code,
            cast(date '2020-01-01' + cast(d as integer) as date) as production_period,
            'day' as period_type,
            1.0 as period_days,
            case when d % 17 = 5 then 0.0 else 1.0 end as days_on_production,
            case when d % 17 = 5 then null else 5 * w * exp(-0.002 * d) * (1 + 0.05 * sin(w * 13 + d * 7)) end as oil_producing_rate_kbd,
            case when d % 17 = 5 then null else 3 * exp(-0.003 * d) * (1 + 0.1 * cos(w + d * 3)) end as gas_producing_rate_mmcfd,
            case when d % 17 = 5 then 0.0 else 5 * w * exp(-0.002 * d) * (1 + 0.05 * sin(w * 13 + d * 7)) end as oil_rate_kbd,
            case when d % 17 = 5 then 0.0 else 3 * exp(-0.003 * d) * (1 + 0.1 * cos(w + d * 3)) end as gas_rate_mmcfd
        from range(1, 41) as wells(w), range(0, 900) as days(d)
        """;

    // The fits read the months before the data's as-of month (int_well_status.data_as_of_date: the day after the last period).
    private const string View = """
        create view main.stg_well_production as select * from main.accepted_rows;
        create or replace view main.int_well_status as
        select well_code, cast(max(production_period) + 1 as date) as data_as_of_date from main.accepted_rows group by well_code
        """;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "wellhouse-decline-fits-" + Guid.NewGuid().ToString("N"));
    private DuckDBConnection connection = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        connection = new DuckDBConnection($"Data Source={Path.Combine(directory, "ci.duckdb")}");
        await connection.OpenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task ExecuteAsync_StagedRowsStoredInWellOrderOrNot_WritesTheSameFits()
    {
        var inOrder = new List<string>();
        await ExecuteAsync($"{Rows} order by well_code, production_period; {View}", inOrder.Add);
        await ExecuteSqlAsync("""
            create table main.fits_in_order as select * from main.int_decline_fits;
            drop view main.stg_well_production; drop table main.accepted_rows; drop table main.int_decline_fits
            """);
        var outOfOrder = new List<string>();
        await ExecuteAsync($"{Rows} order by production_period, well_code; {View}", outOfOrder.Add);

        Assert.Empty(inOrder);
        Assert.Equal(["int_decline_fits: stg_well_production's rows are not stored in well order; reading them sorted"], outOfOrder);
        Assert.Equal(80L, await ScalarAsync("select count(*) from main.int_decline_fits"));
        Assert.Equal(80L, await ScalarAsync("select count(*) from main.int_decline_fits where model is not null"));
        Assert.Equal(0L, await ScalarAsync("select count(*) from (from main.int_decline_fits except all from main.fits_in_order)"));
        Assert.Equal(0L, await ScalarAsync("select count(*) from (from main.fits_in_order except all from main.int_decline_fits)"));
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private async Task ExecuteAsync(string input, Action<string> log)
    {
        await ExecuteSqlAsync(input);
        await new DeclineFitsModel().ExecuteAsync(
            WarehouseModelContext.For(connection, "int_decline_fits",
                new Dictionary<string, object?>(StringComparer.Ordinal) { ["decline_bootstrap_samples"] = 20 }, log),
            TestContext.Current.CancellationToken);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
