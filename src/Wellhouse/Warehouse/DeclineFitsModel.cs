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

    public IReadOnlyList<string> DependsOn { get; } = ["stg_well_production", "int_well_status", "int_refresh_wells"];

    public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = DeclineFitOptions.Read(context);
        string filter;
        if (context.IsIncremental && ModelVars.Flag(context, "incremental_refresh", false))
        {
            // The wells whose fitted months changed: those recomputed whole, and the day wells whose new rows reach
            // before the as-of month (a day inside it changes no fitted month: their rows are kept; docs/warehouse.md,
            // "New rows only"). The application deleted the former's rows; the latter's are deleted here.
            var refit = $"""
                select refresh.well_code
                from {context.Ref("int_refresh_wells")} as refresh
                inner join {context.Ref("int_well_status")} as status
                    on refresh.well_code = status.well_code
                where refresh.new_from is null or refresh.new_from < {FittedUntil("status")}
                """;
            await context.ExecuteAsync($"delete from {context.Target} where well_code in ({refit})", cancellationToken).ConfigureAwait(false);
            filter = $"where well_code in ({refit})";
        }
        else
        {
            filter = await IncrementalWells.PrepareAsync(context, () => context.CreateTargetAsync(Columns, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }

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

    /// <summary>
    /// The first month a fit does not read: the month of the data's as-of date (int_well_status.data_as_of_date, the day
    /// after the data source's last period). A fit reads the months complete before it: a partial month drags a fit
    /// (its few days weigh as a month), and a new day inside the month then changes no fit (docs/warehouse.md, "New
    /// rows only"). A monthly feed's as-of date is a month's first day, so it reads every month.
    /// </summary>
    internal static string FittedUntil(string status) => $"cast(date_trunc('month', {status}.data_as_of_date) as date)";

    /// <summary>Streams the oil and gas series of every well, in well order (on the reader's own connection, while the
    /// writer appends the result): in stg_well_production_accepted's stored order unless <paramref name="sorted"/>
    /// (<see cref="WellOrderedRows"/>); the periods before the as-of month only (<see cref="FittedUntil"/>, per well
    /// from int_well_status, so that the stored order is read without a join); a well without such a period has no
    /// series.</summary>
    private static IEnumerable<WellSeries> ReadWells(CSharpModelContext context, string filter, bool sorted, CancellationToken cancellationToken)
    {
        var fittedUntil = new Dictionary<int, DateOnly>();
        using (var status = context.Read(
            $"select status.well_code, {FittedUntil("status")} from {context.Ref("int_well_status")} as status where status.data_as_of_date is not null",
            cancellationToken))
        {
            while (status.Read())
            {
                fittedUntil[status.GetInt32(0)] = status.GetDate(1);
            }
        }

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
            if (!fittedUntil.TryGetValue(wellCode, out var until) || reader.GetDate(1) >= until)
            {
                continue;
            }

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
