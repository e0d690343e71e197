using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wellhouse.Api.Responses;
using Wellhouse.Hosting;
using Wellhouse.Refresh;

namespace Wellhouse.Api;

/// <summary><c>/api/runs</c>: start a refresh (202 + Location; 409 while one runs), list and inspect runs, read a log, cancel.</summary>
internal static class RunsApi
{
    private static readonly IntQuery Limit = new("limit", 50, 1, 1000);

    public static void MapRuns(this IEndpointRouteBuilder endpoints)
    {
        var runs = endpoints.MapGroup("/api/runs").WithTags("Runs");
        runs.MapPost("/", Start).WithName("StartRun").WithSummary("Start a refresh: build a new snapshot, test it, publish it if no error-severity test failed.")
            .RequireApiKey()
            .Produces<RunResponse>(StatusCodes.Status202Accepted).ProducesWriteProblems()
            .Produces<RefreshRunningProblem>(StatusCodes.Status409Conflict, "application/problem+json");
        runs.MapGet("/", List).WithName("ListRuns").WithSummary("Refresh runs, newest first.")
            .Produces<RunListResponse>().ProducesValidationProblem().WithMetadata(Limit);
        runs.MapGet("/{id}", Get).WithName("GetRun").WithSummary("A run: status, per-node results and timings, error.")
            .Produces<RunResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapGet("/{id}/log", Log).WithName("GetRunLog").WithSummary("A run's log as text (the server's folders named, e.g. <data>, not spelled out).")
            .Produces<string>(contentType: "text/plain").ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapPost("/{id}/cancel", Cancel).WithName("CancelRun").WithSummary("Cancel the running refresh.")
            .RequireApiKey()
            .Produces(StatusCodes.Status202Accepted).ProducesWriteProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <param name="coordinator">The refresh coordinator.</param>
    /// <param name="fullRefresh">true: rebuild every model into an empty snapshot instead of building incrementally on the published one.</param>
    /// <param name="data">The data directory.</param>
    /// <param name="options">The settings.</param>
    private static IResult Start(RefreshCoordinator coordinator, [FromQuery(Name = "full_refresh")] bool? fullRefresh,
        DataDirectory data, IOptions<WellhouseOptions> options)
    {
        var start = coordinator.TryStart("api", fullRefresh == true);
        if (start.Started is { } run)
        {
            return TypedResults.Accepted($"/api/runs/{run.Id}", RunResponse.From(run, RunLogText.ForClients(data, options.Value)));
        }

        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "A refresh is already running",
            Detail = $"Refresh {start.RunningId} is running; one refresh runs at a time.",
        };
        problem.Extensions["running_id"] = start.RunningId;
        return TypedResults.Problem(problem);
    }

    private static IResult List(RunStore runs, RefreshCoordinator coordinator, string? limit, DataDirectory data, IOptions<WellhouseOptions> options)
    {
        var args = new ApiArgs();
        var count = args.Int(limit, Limit);
        return args.IsValid
            ? TypedResults.Ok(new RunListResponse(Live(() => runs.List(count), coordinator).Select(run => RunResponse.From(run, RunLogText.ForClients(data, options.Value))).ToList()))
            : args.Problem();
    }

    private static IResult Get(string id, RunStore runs, RefreshCoordinator coordinator, DataDirectory data, IOptions<WellhouseOptions> options) =>
        Live(() => runs.Find(id) is { } found ? [found] : [], coordinator) is [var run]
            ? TypedResults.Ok(RunResponse.From(run, RunLogText.ForClients(data, options.Value)))
            : NotFound(id);

    /// <summary>
    /// The runs as read, unless one is marked running but is not this process's refresh and refresh.lock is free: its
    /// process died (a killed <c>wellhouse refresh</c>), so recovery marks it abandoned and removes its files first.
    /// </summary>
    private static IReadOnlyList<RefreshRun> Live(Func<IReadOnlyList<RefreshRun>> read, RefreshCoordinator coordinator)
    {
        var found = read();
        return found.Any(run => run.Status == RunStatus.Running && run.Id != coordinator.RunningId) && coordinator.TryRecover() ? read() : found;
    }

    private static IResult Log(string id, RunStore runs, DataDirectory data, IOptions<WellhouseOptions> options) =>
        runs.ReadLog(id) is { } text
            ? TypedResults.Text(RunLogText.ForClients(text, data, options.Value), "text/plain; charset=utf-8")
            : NotFound(id);

    private static IResult Cancel(string id, RunStore runs, RefreshCoordinator coordinator)
    {
        if (runs.Find(id) is null)
        {
            return NotFound(id);
        }

        return coordinator.Cancel(id)
            ? TypedResults.Accepted($"/api/runs/{id}")
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not running", detail: $"Run {id} is not running.");
    }

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found", detail: $"No run '{Truncate(id)}'.");

    internal static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
