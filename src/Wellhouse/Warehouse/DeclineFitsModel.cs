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
        var options = DeclineFitOptions.Read(context);
        var filter = await IncrementalWells.PrepareAsync(context, () => context.CreateTargetAsync(Columns, cancellationToken), cancellationToken)
            .ConfigureAwait(false);

        try
        {
            Write(context, options, filter, sorted: false, cancellationToken);
        }
        catch (WellOrderException)
        {
            // stg_well_production's rows were not stored in well order: the fits written so far are dropped and every
            // well is read again, sorted.
            context.Log?.Invoke("int_decline_fits: stg_well_production's rows are not stored in well order; reading them sorted");
            await context.ExecuteAsync($"delete from {context.Target}", cancellationToken).ConfigureAwait(false);
            Write(context, options, filter, sorted: true, cancellationToken);
        }
    }

    private static void Write(CSharpModelContext context, DeclineFitOptions options, string filter, bool sorted, CancellationToken cancellationToken)
    {
        var wells = ReadWells(context, filter, sorted, cancellationToken);
        using var writer = context.OpenWriter(Columns);
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
                AppendFit(writer, series, fit);
            }
        }

        writer.Complete();
    }

    /// <summary>Streams the oil and gas series of every well, in well order (on the reader's own connection, while the
    /// writer appends the result): in stg_well_production_accepted's stored order unless <paramref name="sorted"/>
    /// (<see cref="WellOrderedRows"/>).</summary>
    private static IEnumerable<WellSeries> ReadWells(CSharpModelContext context, string filter, bool sorted, CancellationToken cancellationToken)
    {
        using var rows = WellOrderedRows.Open(
            context,
            """
            well_code, production_period, period_type, period_days, days_on_production,
                oil_producing_rate_kbd, gas_producing_rate_mmcfd, oil_rate_kbd, gas_rate_mmcfd
            """,
            context.Ref("stg_well_production").ToString(),
            filter,
            sorted,
            cancellationToken);
        var reader = rows.Rows;
        WellSeries? oil = null, gas = null;
        while (rows.Read())
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

                var monthly = !reader.IsNull(2) && reader.GetString(2) == "month";
                oil = new WellSeries(wellCode, "oil", monthly);
                gas = new WellSeries(wellCode, "gas", monthly);
            }

            var period = reader.GetDate(1);
            var periodDays = reader.GetDouble(3);
            var daysOn = reader.GetNullableDouble(4);
            oil.Add(period, reader.GetNullableDouble(5), daysOn, periodDays, reader.GetNullableDouble(7));
            gas!.Add(period, reader.GetNullableDouble(6), daysOn, periodDays, reader.GetNullableDouble(8));
        }

        if (oil is not null && gas is not null)
        {
            yield return oil;
            yield return gas;
        }
    }
}
