using System.Globalization;
using DuckDB.NET.Data;
using Wellhouse.Decline;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// The C# model <c>int_population_forecast</c>: per data source and stream (oil, gas), the population forecast of
/// <c>wellhouse decline forecast</c> (<see cref="PopulationForecaster"/>: each well's own Arps fit blended with its age
/// cohort's type curve, P10-P90 calibrated on the method's own past errors) from the source's first forecast month
/// (<c>int_well_status.forecast_from_month</c>), for <c>forecast_horizon_months</c> months, with only the periods before
/// it. The wells of one data source are one population (the other wells of the basin are the prior; at most
/// <c>population_sample_wells</c> of them per date are learned from). One row per
/// forecast month with monthly volumes and cumulatives from the as-of date (P10 the high one); a well the method cannot
/// forecast has one row with its reason and no month. Rebuilt whole on every refresh: the as-of date moves with any
/// well's new periods, and every well is another's prior.
/// </summary>
internal sealed class PopulationForecastModel : ICSharpModel
{
    public string Name => "int_population_forecast";

    public IReadOnlyList<string> DependsOn { get; } = ["stg_well_production", "int_well_status"];

    public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = PopulationForecastOptions.Default with
        {
            Months = (int)ModelVars.Number(context, "forecast_horizon_months", 120),
            AbandonMonths = (int)ModelVars.Number(context, "abandoned_after_months", 12),
            SampleWells = (int)ModelVars.Number(context, "population_sample_wells", PopulationForecastOptions.Default.SampleWells),
        };
        await CreateTargetAsync(context, cancellationToken).ConfigureAwait(false);
        var target = context.Target;
        using var appender = context.Connection.CreateAppender(target.Database, target.Schema, target.Identifier);
        foreach (var source in StagedHistories.Read(context, cancellationToken))
        {
            for (var s = 0; s < StagedHistories.Streams.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var histories = source.Histories[s];
                var forecasts = new PopulationForecaster(histories, options).Forecast(source.AsOf);
                foreach (var forecast in forecasts)
                {
                    Append(appender, forecast, StagedHistories.Streams[s]);
                }
            }
        }
    }

    private static void Append(DuckDBAppender appender, WellPopulationForecast forecast, string stream)
    {
        var wellCode = int.Parse(forecast.Id, CultureInfo.InvariantCulture);
        if (forecast.Reason is { } reason)
        {
            var row = appender.CreateRow().AppendValue(wellCode).AppendValue(stream).AppendNullValue();
            for (var column = 0; column < 6; column++)
            {
                row.AppendNullValue();
            }

            row.AppendValue(forecast.Cohort).AppendValue(forecast.AgeMonths).AppendValue(reason).EndRow();
            return;
        }

        foreach (var m in forecast.Months)
        {
            appender.CreateRow().AppendValue(wellCode).AppendValue(stream).AppendValue(m.Month)
                .AppendValue(m.VolumeP10).AppendValue(m.VolumeP50).AppendValue(m.VolumeP90)
                .AppendValue(m.CumP10).AppendValue(m.CumP50).AppendValue(m.CumP90)
                .AppendValue(forecast.Cohort).AppendValue(forecast.AgeMonths).AppendNullValue().EndRow();
        }
    }

    private static async Task CreateTargetAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        using var command = context.Connection.CreateCommand();
        command.CommandText = $"""
            create table {context.Target} (
                well_code integer,
                stream varchar,
                month date,
                volume_p10 double,
                volume_p50 double,
                volume_p90 double,
                cum_p10 double,
                cum_p50 double,
                cum_p90 double,
                cohort varchar,
                age_months integer,
                reason varchar
            )
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
