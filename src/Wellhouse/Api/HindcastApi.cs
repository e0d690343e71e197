using Microsoft.AspNetCore.Mvc;
using Wellhouse.Api.Responses;
using Wellhouse.Hosting;

namespace Wellhouse.Api;

/// <summary>
/// <c>GET /api/decline/hindcast</c>: how well the forecasts did on the snapshot's own wells (mart_decline_hindcast, what
/// <c>wellhouse decline hindcast</c> reports): median APE, median bias and P10-P90 coverage per model, age cohort and
/// horizon, for one data source and stream (the population method's rows first, cohorts in order of age).
/// </summary>
internal static class HindcastApi
{
    public static void MapHindcast(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/decline/hindcast", Get).WithTags("Decline").WithMetadata(SnapshotRead.Cached).WithName("GetDeclineHindcast")
            .WithSummary("Forecast accuracy at past as-of dates on the snapshot's wells: median APE, bias and P10-P90 coverage per model, cohort and horizon.")
            .Produces<HindcastResponse>().ProducesCsv().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesSnapshotReadProblems();
    }

    /// <param name="stream">oil (default) or gas.</param>
    /// <param name="dataSource">The data source (one population); by default the one with the most forecasts compared.</param>
    /// <param name="horizon">Only this horizon (months: 6, 12 or 24).</param>
    /// <param name="cohort">Only this cohort (1-5, 6-12, 13-24, 25+ or all).</param>
    private static IResult Get(string? stream, [FromQuery(Name = "data_source")] string? dataSource, string? horizon, string? cohort)
    {
        var args = new ApiArgs();
        var name = args.OneOf(stream, "stream", "oil", "oil", "gas");
        var months = args.OptionalInt(horizon, "horizon");
        var source = args.Text(dataSource, "data_source");
        var group = args.Text(cohort, "cohort", 10);
        if (!args.IsValid)
        {
            return args.Problem();
        }

        // The requested data source, else the one with the most forecasts compared.
        var query = new SnapshotQuery($"""
            with chosen as (
                select coalesce($source, (
                    select data_source from mart_decline_hindcast where stream = $stream and cohort = 'all'
                    group by data_source order by max(forecasts) desc, data_source limit 1)) as data_source
            )
            select hindcast.* from mart_decline_hindcast as hindcast inner join chosen on hindcast.data_source = chosen.data_source
            where hindcast.stream = $stream
                {(months is null ? "" : "and hindcast.horizon_months = $horizon")} {(group is null ? "" : "and hindcast.cohort = $cohort")}
            order by hindcast.model <> 'population', hindcast.model,
                case when hindcast.cohort = 'all' then 1000000 when hindcast.cohort like '<%' then -1
                    else cast(replace(split_part(hindcast.cohort, '-', 1), '+', '') as integer) end,
                hindcast.horizon_months
            """).With("source", source).With("stream", name);
        if (months is not null)
        {
            query = query.With("horizon", months.Value);
        }

        if (group is not null)
        {
            query = query.With("cohort", group);
        }

        return new RowsResult(query, new Dictionary<string, object?> { ["stream"] = name });
    }
}
