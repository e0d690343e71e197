using Wellhouse.Decline;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Warehouse;

/// <summary>
/// The C# model <c>mart_decline_hindcast</c>: what <c>wellhouse decline hindcast</c> prints, on the warehouse's own
/// wells: per data source and stream (oil, gas), the population method and the per-well Arps fit forecast at past as-of
/// dates (every 6 months back from 24 months before the source's as-of month to 24 months after its first month:
/// <see cref="Hindcast.AsOfDatesBefore"/>, the dates int_population_forecast calibrates on, whose forecaster this
/// model reuses) and compared with what the wells then produced; per model, age cohort ("all" pools them) and horizon
/// (6, 12, 24 months) the forecasts compared, median APE, median bias and P10-P90 coverage. The wells compared are
/// the method's sample at each date (var <c>population_sample_wells</c>). No row for a source or stream whose history
/// is too short to compare; when no source's is long enough (fewer than 48 months from its first period to its as-of
/// month), the staged periods are not read at all. The periods before the as-of month are read (<see
/// cref="StagedHistories"/>), so the application's incremental refresh keeps the parent's rows when no well's months
/// before it changed (<see cref="PopulationRefresh"/>); otherwise the table is computed whole.
/// </summary>
internal sealed class HindcastModel : ICSharpModel
{
    /// <summary>The horizons compared, in months.</summary>
    public static readonly int[] Horizons = [6, 12, 24];

    /// <summary>The table's columns: one row per data source, stream, model, cohort and horizon.</summary>
    private static readonly ModelColumn[] Columns =
    [
        ModelColumn.Text("data_source"),
        ModelColumn.Text("stream"),
        ModelColumn.Text("model"),
        ModelColumn.Text("cohort"),
        ModelColumn.Integer("horizon_months"),
        ModelColumn.Integer("forecasts"),
        ModelColumn.Double("median_ape"),
        ModelColumn.Double("median_bias"),
        ModelColumn.Double("coverage"),
        ModelColumn.Date("first_as_of"),
        ModelColumn.Date("last_as_of"),
    ];

    public string Name => "mart_decline_hindcast";

    public IReadOnlyList<string> DependsOn { get; } = ["stg_well_production", "int_well_status", "int_refresh_wells"];

    public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (PopulationRefresh.OnParent(context) && PopulationRefresh.NoMonthChanged(context, cancellationToken))
        {
            // Every input is the parent's (PopulationRefresh): so are the rows.
            context.Log?.Invoke($"{Name}: the parent's rows kept (no well's months before its data source's as-of month changed)");
            return;
        }

        if (context.IsIncremental)
        {
            await context.ExecuteAsync($"delete from {context.Target}", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await context.CreateTargetAsync(Columns, cancellationToken).ConfigureAwait(false);
        }

        var longest = Horizons.Max();
        // int_population_forecast's options, so that the forecaster it used (its fits and calibrations) serves here:
        // the past dates' forecasts read only the learned months, which are the same for any forecast horizon.
        var forecastOptions = PopulationForecastModel.Options(context);
        var options = forecastOptions with { Months = Math.Max(longest, forecastOptions.Months) };
        using var writer = context.OpenWriter(Columns);
        if (!StagedHistories.AnyAsOfDates(context, longest, cancellationToken))
        {
            writer.Complete();
            return;
        }

        foreach (var source in StagedHistories.Read(context, cancellationToken))
        {
            for (var s = 0; s < StagedHistories.Streams.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var histories = source.Histories[s];
                var dates = Hindcast.AsOfDatesBefore(histories, source.AsOfMonth, longest);
                // Released even when unused (too short a history), so the forecast's work is not kept past the build.
                var forecaster = PopulationForecasters.For(histories, options);
                PopulationForecasters.Release(forecaster);
                if (dates.Count == 0)
                {
                    continue;
                }

                var rows = Hindcast.Run(forecaster, dates, Horizons);
                foreach (var summary in Hindcast.Summarize(rows))
                {
                    writer.StartRow();
                    writer.Write(source.DataSource);
                    writer.Write(StagedHistories.Streams[s]);
                    writer.Write(summary.Model);
                    writer.Write(summary.Cohort);
                    writer.Write(summary.Horizon);
                    writer.Write(summary.Forecasts);
                    writer.Write(summary.MedianApe);
                    writer.Write(summary.MedianBias);
                    writer.Write(summary.Coverage);
                    writer.Write(dates[0]);
                    writer.Write(dates[^1]);
                }
            }
        }

        writer.Complete();
    }
}
