using System.Globalization;
using Wellhouse.Decline;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;

namespace Wellhouse.Warehouse;

/// <summary>
/// The C# model <c>int_population_forecast</c>: per data source and stream (oil, gas), the population forecast of
/// <c>wellhouse decline forecast</c> (<see cref="PopulationForecaster"/>: each well's own Arps fit blended with its age
/// cohort's type curve, P10-P90 calibrated on the method's own past errors) as of the source's as-of date
/// (<c>int_well_status.data_as_of_date</c>: the periods before its month are read, the forecast starts at
/// <c>forecast_from_month</c>), for <c>forecast_horizon_months</c> months. The wells of one data source are one
/// population (the other wells of the basin are the prior; at most <c>population_sample_wells</c> of them per date are
/// learned from). One row per forecast month with monthly volumes and cumulatives from the first forecast month (P10
/// the high one); a well the method cannot forecast has one row with its reason and no month. In the application's
/// incremental refresh the parent's rows are kept when no well's months before the as-of month changed (<see
/// cref="PopulationRefresh"/>: a new day inside the as-of month). Otherwise the table is computed whole (every well is
/// another's prior), but from the anchor states the database already holds (<see cref="PopulationStates"/>): a well's
/// fit at a date is computed again only when its history before that date changed; and, incrementally, from the monthly
/// histories of the unchanged wells it kept (<see cref="PopulationHistories"/>): only the changed wells' staged periods
/// are read. The run log's line of the model says what was kept or reused and the wall and CPU time of each step.
/// </summary>
internal sealed class PopulationForecastModel : ICSharpModel
{
    /// <summary>The table's columns: one row per well, stream and forecast month, or per well the method could not forecast.</summary>
    private static readonly ModelColumn[] Columns =
    [
        ModelColumn.Integer("well_code"),
        ModelColumn.Text("stream"),
        ModelColumn.Date("month"),
        ModelColumn.Double("volume_p10"),
        ModelColumn.Double("volume_p50"),
        ModelColumn.Double("volume_p90"),
        ModelColumn.Double("cum_p10"),
        ModelColumn.Double("cum_p50"),
        ModelColumn.Double("cum_p90"),
        ModelColumn.Text("cohort"),
        ModelColumn.Integer("age_months"),
        ModelColumn.Text("reason"),
        ModelColumn.Double("uptime"),
        ModelColumn.Double("remaining_p10"),
        ModelColumn.Double("remaining_p50"),
        ModelColumn.Double("remaining_p90"),
        ModelColumn.Date("eur_end_date"),
        ModelColumn.Text("eur_limited_by"),
    ];

    /// <summary>The columns after reason: the well row's uptime and remaining volumes (<see cref="PopulationReserves"/>).</summary>
    private const int WellColumns = 6;

    public string Name => "int_population_forecast";

    public IReadOnlyList<string> DependsOn { get; } = ["stg_well_production", "int_well_status", "int_refresh_wells"];

    /// <summary>The method's options from the project's vars (forecast_horizon_months, abandoned_after_months,
    /// population_sample_wells): this model's, and mart_decline_hindcast's, whose equal options let it reuse this
    /// model's forecaster.</summary>
    internal static PopulationForecastOptions Options(CSharpModelContext context) => PopulationForecastOptions.Default with
    {
        Months = (int)ModelVars.Number(context, "forecast_horizon_months", 120),
        AbandonMonths = (int)ModelVars.Number(context, "abandoned_after_months", 12),
        SampleWells = (int)ModelVars.Number(context, "population_sample_wells", PopulationForecastOptions.Default.SampleWells),
    };

    public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Options(context);
        var limits = DeclineFitOptions.Read(context);
        var onParent = PopulationRefresh.OnParent(context);
        var noMonthChanged = onParent && PopulationRefresh.NoMonthChanged(context, cancellationToken);
        if (noMonthChanged && PopulationRefresh.SameFirstMonth(context, cancellationToken)
            && PopulationStates.Exists(context, PopulationStates.Table(context), cancellationToken)
            && PopulationStates.Exists(context, PopulationHistories.Table(context), cancellationToken))
        {
            // Every input is the parent's (PopulationRefresh): so are the rows, the states used and the histories.
            context.Log?.Invoke($"{Name}: the parent's rows, states and histories kept (no well's months before its data source's as-of month changed, the same first forecast month)");
            return;
        }

        if (context.IsIncremental)
        {
            // The table copied from the parent (or kept by an earlier build) is computed again whole; the kept histories
            // of the day wells whose months before the as-of month may have changed are read again.
            await context.ExecuteAsync($"delete from {context.Target}", cancellationToken).ConfigureAwait(false);
            if (onParent && PopulationStates.Exists(context, PopulationHistories.Table(context), cancellationToken))
            {
                await context.ExecuteAsync(
                    $"delete from {PopulationHistories.Table(context)} where well_code in ({PopulationRefresh.ChangedWells(context)})",
                    cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            await context.CreateTargetAsync(Columns, cancellationToken).ConfigureAwait(false);
        }

        var steps = new StepClock();
        var states = steps.Time(StepClock.Load, () => PopulationStates.Load(context, cancellationToken));
        var kept = steps.Time(StepClock.Read, () => PopulationHistories.Load(context, cancellationToken));
        var sources = steps.Time(StepClock.Read, () => StagedHistories.Read(context, cancellationToken, kept));
        using var writer = context.OpenWriter(Columns);
        foreach (var source in sources)
        {
            for (var s = 0; s < StagedHistories.Streams.Count; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var histories = source.Histories[s];
                var forecaster = PopulationForecasters.For(histories, options, states);
                var forecasts = steps.Time(StepClock.Forecast, () => forecaster.Forecast(source.AsOf));
                if (noMonthChanged || Hindcast.AsOfDatesBefore(histories, source.AsOfMonth, HindcastModel.Horizons.Max()).Count == 0)
                {
                    // mart_decline_hindcast keeps its rows (its inputs are the parent's) or has no date to compare here
                    // (it reads nothing then), so nothing will reuse it.
                    PopulationForecasters.Release(forecaster);
                }

                steps.Time(StepClock.Write, () =>
                {
                    foreach (var forecast in forecasts)
                    {
                        Append(writer, forecast, StagedHistories.Streams[s], limits);
                    }

                    return 0;
                });
            }
        }

        steps.Time(StepClock.Write, () =>
        {
            writer.Complete();
            return 0;
        });
        await steps.TimeAsync(StepClock.Store, () => PopulationStates.StoreAsync(context, states, cancellationToken)).ConfigureAwait(false);
        await steps.TimeAsync(StepClock.Store, () => PopulationHistories.StoreAsync(context, sources, kept, cancellationToken)).ConfigureAwait(false);
        var wells = sources.Sum(source => source.Wells.Count);
        var read = sources.Sum(source => source.Wells.Count(well => kept is null || !kept.ContainsKey(well.Code)));
        context.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"{Name}: histories of {read:N0} of {wells:N0} well(s) read from the staged periods, the others kept; {states.StateHits:N0} anchor state(s) reused, {states.StateMisses:N0} computed; type curves of {states.TypeCurveHits:N0} date(s) reused, {states.TypeCurveMisses:N0} learned; calibrations of {states.CalibrationHits:N0} date(s) reused, {states.CalibrationMisses:N0} computed; {steps}"));
    }

    /// <summary>The well's row (month NULL: its reason, or its uptime and remaining volumes to the economic limit or
    /// the time cap), then its months.</summary>
    private static void Append(ModelWriter writer, WellPopulationForecast forecast, string stream, DeclineFitOptions limits)
    {
        var wellCode = int.Parse(forecast.Id, CultureInfo.InvariantCulture);
        writer.StartRow();
        writer.Write(wellCode);
        writer.Write(stream);
        writer.WriteNulls(7);
        writer.WriteText(forecast.Cohort);
        writer.Write(forecast.AgeMonths);
        var reserves = PopulationReserves.Of(forecast, limits.EconomicLimit(stream), limits.EurTimeCapYears, limits.DminEffectivePerYear);
        if (forecast.Reason is { } reason || reserves is null || forecast.Tail is not { } tail)
        {
            writer.Write(forecast.Reason ?? "no forecast months");
            writer.WriteNulls(WellColumns);
            return;
        }

        writer.WriteNull();
        writer.Write(tail.Uptime);
        writer.Write(reserves.P10);
        writer.Write(reserves.P50);
        writer.Write(reserves.P90);
        writer.Write(reserves.EndDate);
        writer.Write(reserves.LimitedBy);
        foreach (var m in forecast.Months)
        {
            writer.StartRow();
            writer.Write(wellCode);
            writer.Write(stream);
            writer.Write(m.Month);
            writer.Write(m.VolumeP10);
            writer.Write(m.VolumeP50);
            writer.Write(m.VolumeP90);
            writer.Write(m.CumP10);
            writer.Write(m.CumP50);
            writer.Write(m.CumP90);
            writer.WriteText(forecast.Cohort);
            writer.Write(forecast.AgeMonths);
            writer.WriteNulls(WellColumns + 1);
        }
    }

    /// <summary>Wall seconds and CPU seconds (the process's, DuckDB's threads included) per step of the model, for the
    /// run log: loading the stored states, reading the staged histories, forecasting, writing the rows, storing the
    /// states and histories.</summary>
    private sealed class StepClock
    {
        public const int Load = 0;
        public const int Read = 1;
        public const int Forecast = 2;
        public const int Write = 3;
        public const int Store = 4;

        private static readonly string[] Names = ["states loaded", "histories read", "forecast", "rows written", "states and histories stored"];
        private readonly double[] _seconds = new double[Names.Length];
        private readonly double[] _cpu = new double[Names.Length];

        public T Time<T>(int step, Func<T> action)
        {
            var started = Start();
            try
            {
                return action();
            }
            finally
            {
                Stop(step, started);
            }
        }

        public async Task TimeAsync(int step, Func<Task> action)
        {
            var started = Start();
            try
            {
                await action().ConfigureAwait(false);
            }
            finally
            {
                Stop(step, started);
            }
        }

        public override string ToString() =>
            string.Join(", ", Names.Select((name, i) => string.Create(CultureInfo.InvariantCulture, $"{name} {_seconds[i]:F2} s ({_cpu[i]:F2} CPU-s)")));

        private static (long Wall, TimeSpan Cpu) Start() =>
            (System.Diagnostics.Stopwatch.GetTimestamp(), System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);

        private void Stop(int step, (long Wall, TimeSpan Cpu) started)
        {
            _seconds[step] += System.Diagnostics.Stopwatch.GetElapsedTime(started.Wall).TotalSeconds;
            _cpu[step] += (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - started.Cpu).TotalSeconds;
        }
    }
}
