using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// The population models (int_population_forecast, mart_decline_hindcast) in the application's incremental refresh
/// (docs/warehouse.md, "New rows only"): they read only the months before each data source's as-of month (<see
/// cref="StagedHistories"/>), so when no well's months before it changed (every well of <c>int_refresh_wells</c> a day
/// well whose new rows start in or after the as-of month, which then did not move) their inputs are the parent's and the
/// parent's rows, copied with the snapshot, are the rows a full build computes: the model keeps them. Otherwise it
/// empties its table and computes it whole (from the parent's states and the kept histories).
/// </summary>
internal static class PopulationRefresh
{
    /// <summary>Whether the build is the application's incremental refresh on the model's own table (copied from the
    /// parent).</summary>
    public static bool OnParent(CSharpModelContext context) =>
        context.IsIncremental && ModelVars.Flag(context, "incremental_refresh", false);

    /// <summary>The wells of int_refresh_wells whose months before the as-of month may have changed: those recomputed
    /// whole (new_from NULL, among them every well of a data source whose as-of month moved) and the day wells whose
    /// new rows may reach before the as-of month (int_decline_fits' rule, <see cref="DeclineFitsModel.FittedUntil"/>).</summary>
    public static string ChangedWells(CSharpModelContext context) => $"""
        select refresh.well_code
        from {context.Ref("int_refresh_wells")} as refresh
        left join {context.Ref("int_well_status")} as status
            on refresh.well_code = status.well_code
        where refresh.new_from is null or status.well_code is null or refresh.new_from < {DeclineFitsModel.FittedUntil("status")}
        """;

    /// <summary>Whether no well's months before the as-of month changed (<see cref="ChangedWells"/> is empty): every
    /// input of the population models is then the parent's.</summary>
    public static bool NoMonthChanged(CSharpModelContext context, CancellationToken cancellationToken)
    {
        using var reader = context.Read($"select count(*) from ({ChangedWells(context)})", cancellationToken);
        return reader.Read() && reader.GetInt32(0) == 0;
    }

    /// <summary>Whether int_population_forecast's kept rows start at every data source's forecast_from_month: the first
    /// forecast month moves inside the as-of month once, from a month's first day (a day that completed the previous
    /// month) to the next one.</summary>
    public static bool SameFirstMonth(CSharpModelContext context, CancellationToken cancellationToken)
    {
        using var reader = context.Read(
            $"""
            select count(*) from (
                select status.data_source, min(forecast.month) as first_month, min(status.forecast_from_month) as forecast_from
                from {context.Target} as forecast
                inner join {context.Ref("int_well_status")} as status
                    on forecast.well_code = status.well_code
                where forecast.month is not null
                group by status.data_source
            )
            where first_month is distinct from forecast_from
            """,
            cancellationToken);
        return reader.Read() && reader.GetInt32(0) == 0;
    }
}
