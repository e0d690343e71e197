using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// The C# model <c>int_decline_fits</c>: per well and stream (oil, gas), the decline fit of the producing-day rates of
/// <c>stg_well_production</c> (one row each, NULL parameters when the series cannot be fit) with the monthly forecast
/// as lists. The SQL view <c>int_declining_curves</c> expands it into a row per historical period and forecast month.
/// Wells are fitted in parallel, a batch at a time, and written in well order.
/// </summary>
internal sealed partial class DeclineFitsModel : ICSharpModel
{
    private const int BatchWells = 512;

    public string Name => "int_decline_fits";

    public IReadOnlyList<string> DependsOn { get; } = ["stg_well_production", "int_refresh_wells"];

    public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new DeclineFitOptions(
            ModelVars.Number(context, "decline_b_max", 2.0),
            ModelVars.Number(context, "decline_dmin_effective_per_year", 0.08),
            (int)ModelVars.Number(context, "forecast_horizon_months", 120),
            (int)ModelVars.Number(context, "decline_bootstrap_samples", 50),
            ModelVars.Flag(context, "decline_fit_monthly", true))
        {
            EconomicLimitOilKbd = ModelVars.Number(context, "economic_limit_oil_kbd", 0.01),
            EconomicLimitGasMmcfd = ModelVars.Number(context, "economic_limit_gas_mmcfd", 0.05),
            EurTimeCapYears = ModelVars.Number(context, "eur_time_cap_years", 30),
        };
        var filter = await IncrementalWells.PrepareAsync(context, () => CreateTargetAsync(context, cancellationToken), cancellationToken)
            .ConfigureAwait(false);

        var wells = ReadWells(context, filter, cancellationToken);
        var target = context.Target;
        using var appender = context.Connection.CreateAppender(target.Database, target.Schema, target.Identifier);
        foreach (var batch in wells.Chunk(BatchWells))
        {
            var results = batch
                .AsParallel()
                .AsOrdered()
                .WithCancellation(cancellationToken)
                .Select(series => (series, fit: DeclineFitting.Fit(series, options)))
                .ToList();
            foreach (var (series, fit) in results)
            {
                AppendFit(appender, series, fit);
            }
        }
    }

    private static async Task CreateTargetAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        using var command = context.Connection.CreateCommand();
        command.CommandText = $"""
            create table {context.Target} (
                well_code integer,
                stream varchar,
                model varchar,
                qi double,
                di_nominal_per_year double,
                b double,
                dmin_per_year double,
                di_per_day double,
                dlim_per_day double,
                duong_a_per_day double,
                duong_m double,
                tau_days double,
                stretch_n double,
                t0_date date,
                segment integer,
                log_sigma double,
                remaining_p50 double,
                remaining_p10 double,
                remaining_p90 double,
                eur_end_date date,
                eur_limited_by varchar,
                forecast_months date[],
                forecast_p50 double[],
                forecast_p10 double[],
                forecast_p90 double[]
            )
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams the oil and gas series of every well, in well order, on a second connection to the same
    /// database (the first one appends the result meanwhile).</summary>
    private static IEnumerable<WellSeries> ReadWells(CSharpModelContext context, string filter, CancellationToken cancellationToken)
    {
        using var connection = ModelConnections.OpenSecond(context.Connection);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            select well_code, production_period, period_type, period_days, days_on_production,
                oil_producing_rate_kbd, gas_producing_rate_mmcfd, oil_rate_kbd, gas_rate_mmcfd
            from {context.Ref("stg_well_production")}
            {filter}
            order by well_code, production_period
            """;
        using var reader = command.ExecuteReader();
        WellSeries? oil = null, gas = null;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var wellCode = reader.GetInt32(0);
            if (oil is null || oil.WellCode != wellCode)
            {
                if (oil is not null && gas is not null)
                {
                    yield return oil;
                    yield return gas;
                }

                var monthly = !reader.IsDBNull(2) && reader.GetString(2) == "month";
                oil = new WellSeries(wellCode, "oil", monthly);
                gas = new WellSeries(wellCode, "gas", monthly);
            }

            var period = reader.GetFieldValue<DateOnly>(1);
            var periodDays = reader.GetDouble(3);
            double? daysOn = reader.IsDBNull(4) ? null : reader.GetDouble(4);
            oil.Add(period, Nullable(reader, 5), daysOn, periodDays, Nullable(reader, 7));
            gas!.Add(period, Nullable(reader, 6), daysOn, periodDays, Nullable(reader, 8));
        }

        if (oil is not null && gas is not null)
        {
            yield return oil;
            yield return gas;
        }
    }

    private static double? Nullable(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);
}
