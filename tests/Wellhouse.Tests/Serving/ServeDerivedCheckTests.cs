using DuckDB.NET.Data;
using Wellhouse.Serving;

namespace Wellhouse.Tests.Serving;

/// <summary>
/// The build's check of derivable columns (<see cref="ServeDerived.Check"/>), on a real in-memory DuckDB table shaped
/// like stg_well_production: a column is derived only when it equals the computation bit for bit on every row; one
/// different value, or a zero of the other sign (written "-0" by the API), keeps it stored, with the row's values named.
/// </summary>
public sealed class ServeDerivedCheckTests
{
    private const string Sql = "select * from stg_well_production order by well_code, production_period";

    [Fact]
    public void Check_EveryRowComputes_DerivesEveryCandidate()
    {
        using var connection = Open();
        var (derived, problems) = ServeDerived.Check(connection, "stg_well_production", Sql);
        Assert.Empty(problems);
        Assert.Equal(ServeDerived.Candidates["stg_well_production"].Keys.Order(), derived.Keys.Order());
    }

    [Fact]
    public void Check_OneDifferentValueAndOneNegativeZero_KeepsThoseColumnsStored()
    {
        using var connection = Open();
        Execute(connection, "update stg_well_production set gas_volume_mmcf = gas_volume_mmcf + 1e-9 where well_code = 2 and production_period = date '2020-01-02'");
        Execute(connection, "update stg_well_production set water_rate_kbd = '-0.0'::double, water_volume_kbbl = 0.0 where well_code = 1 and production_period = date '2020-01-03'");
        var (derived, problems) = ServeDerived.Check(connection, "stg_well_production", Sql);
        Assert.DoesNotContain("gas_volume_mmcf", derived.Keys);
        Assert.DoesNotContain("water_volume_kbbl", derived.Keys);
        Assert.Contains("oil_volume_kbbl", derived.Keys);
        Assert.Contains(problems, p => p.StartsWith("stg_well_production.water_volume_kbbl stored: a row is 0.0, not the computed -0.0", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("stg_well_production.gas_volume_mmcf stored: a row is", StringComparison.Ordinal));
        Assert.Contains("oil_producing_rate_kbd", derived.Keys);
        // The rates were computed from the volumes before the change: they no longer equal volume / days there.
        Assert.Contains(problems, p => p.StartsWith("stg_well_production.gas_producing_rate_mmcfd stored:", StringComparison.Ordinal));
    }

    private static DuckDBConnection Open()
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, """
            create table stg_well_production as
            select w as well_code, date '2020-01-01' + d::integer as production_period, 1 as period_days,
                case when d = 4 then 0 else 1 end as days_on_production,
                (w * 0.1 + d * 0.37)::double as oil_rate_kbd, (w * 1.3 + d / 7.0)::double as gas_rate_mmcfd,
                case when d = 2 then null else d * 0.011 end::double as water_rate_kbd
            from range(1, 4) as a(w), range(0, 6) as b(d)
            """);
        Execute(connection, """
            create or replace table stg_well_production as
            select *, oil_rate_kbd * period_days as oil_volume_kbbl, gas_rate_mmcfd * period_days as gas_volume_mmcf,
                water_rate_kbd * period_days as water_volume_kbbl
            from stg_well_production
            """);
        Execute(connection, """
            create or replace table stg_well_production as
            select *, oil_volume_kbbl / nullif(days_on_production, 0) as oil_producing_rate_kbd,
                gas_volume_mmcf / nullif(days_on_production, 0) as gas_producing_rate_mmcfd,
                water_volume_kbbl / nullif(days_on_production, 0) as water_producing_rate_kbd
            from stg_well_production
            """);
        return connection;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
