using System.Globalization;
using Wellhouse.Decline;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>The staged periods of every well as monthly histories of oil and gas, per data source, for the population
/// models (int_population_forecast, mart_decline_hindcast).</summary>
internal static class StagedHistories
{
    /// <summary>The streams, in the order of <see cref="Source.Histories"/>.</summary>
    public static IReadOnlyList<string> Streams { get; } = ["oil", "gas"];

    /// <summary>One data source's wells as oil and gas monthly histories, and its first forecast month.</summary>
    public sealed record Source(string DataSource, DateOnly AsOf, List<MonthlyHistory>[] Histories);

    /// <summary>Reads the staged periods of every well, by data source and well, into monthly histories (the same
    /// summing as the CLI's, <see cref="MonthlyHistoryBuilder"/>), on the reader's own connection; a
    /// data source's first forecast month is int_well_status.forecast_from_month.</summary>
    public static IEnumerable<Source> Read(CSharpModelContext context, CancellationToken cancellationToken)
    {
        using var reader = context.Read(
            $"""
            select status.data_source, status.forecast_from_month, production.well_code, production.production_period,
                production.period_days, production.days_on_production, production.oil_volume_kbbl, production.gas_volume_mmcf
            from {context.Ref("stg_well_production")} as production
            inner join {context.Ref("int_well_status")} as status
                on production.well_code = status.well_code
            where status.forecast_from_month is not null
            order by status.data_source, production.well_code, production.production_period
            """,
            cancellationToken);
        string? sourceName = null;
        var asOf = default(DateOnly);
        List<MonthlyHistory>[] histories = [[], []];
        MonthlyHistoryBuilder[]? well = null;
        var wellCode = int.MinValue;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = reader.IsNull(0) ? "" : reader.GetString(0);
            var code = reader.GetInt32(2);
            if (well is not null && (code != wellCode || name != sourceName))
            {
                Close(well, histories);
                well = null;
            }

            if (name != sourceName)
            {
                if (sourceName is not null)
                {
                    yield return new Source(sourceName, asOf, histories);
                }

                sourceName = name;
                asOf = reader.GetDate(1);
                histories = [[], []];
            }

            if (well is null)
            {
                wellCode = code;
                var id = code.ToString(CultureInfo.InvariantCulture);
                well = [new MonthlyHistoryBuilder(id), new MonthlyHistoryBuilder(id)];
            }

            var period = reader.GetDate(3);
            var periodDays = reader.GetDouble(4);
            var daysOn = reader.GetNullableDouble(5);
            well[0].Add(period, reader.IsNull(6) ? 0 : reader.GetDouble(6), daysOn, periodDays);
            well[1].Add(period, reader.IsNull(7) ? 0 : reader.GetDouble(7), daysOn, periodDays);
        }

        if (well is not null)
        {
            Close(well, histories);
        }

        if (sourceName is not null)
        {
            yield return new Source(sourceName, asOf, histories);
        }
    }

    /// <summary>Whether any data source has an as-of date for a hindcast of <paramref name="longest"/> months
    /// (<see cref="Hindcast.AsOfDatesBefore"/> of its histories is not empty), from each source's first period and
    /// forecast month alone, without reading the periods.</summary>
    public static bool AnyAsOfDates(CSharpModelContext context, int longest, CancellationToken cancellationToken)
    {
        using var reader = context.Read(
            $"""
            select status.forecast_from_month, min(production.production_period)
            from {context.Ref("stg_well_production")} as production
            inner join {context.Ref("int_well_status")} as status
                on production.well_code = status.well_code
            where status.forecast_from_month is not null
            group by status.data_source, status.forecast_from_month
            """,
            cancellationToken);
        var any = false;
        while (reader.Read())
        {
            var first = new MonthlyHistory("first", reader.GetDate(1), [0.0], [double.NaN]);
            any |= Hindcast.AsOfDatesBefore([first], reader.GetDate(0), longest).Count > 0;
        }

        return any;
    }

    private static void Close(MonthlyHistoryBuilder[] well, List<MonthlyHistory>[] histories)
    {
        for (var s = 0; s < well.Length; s++)
        {
            histories[s].Add(well[s].Build()!);
        }
    }
}
