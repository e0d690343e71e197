using Wellhouse.Api.Responses;
using Wellhouse.Hosting;
using Wellhouse.Snapshots;

namespace Wellhouse.Api;

/// <summary><c>/api/snapshots</c>: the kept snapshots, and publishing one of them (a rollback or roll-forward).</summary>
internal static class SnapshotsApi
{
    public static void MapSnapshots(this IEndpointRouteBuilder endpoints)
    {
        var snapshots = endpoints.MapGroup("/api/snapshots").WithTags("Snapshots");
        snapshots.MapGet("/", List).WithName("ListSnapshots").WithSummary("Kept snapshots, newest first, with the published one marked.")
            .Produces<SnapshotListResponse>();
        snapshots.MapGet("/{id}", Get).WithName("GetSnapshot").WithSummary("One snapshot.")
            .Produces<SnapshotResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        snapshots.MapPost("/{id}/publish", Publish).WithName("PublishSnapshot")
            .WithSummary("Serve this snapshot from now on (atomic switch); use it to roll back.")
            .RequireApiKey()
            .Produces<PublishResponse>().ProducesWriteProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
    }

    private static IResult List(SnapshotStore store) =>
        TypedResults.Ok(new SnapshotListResponse(store.List().Select(SnapshotResponse.From).ToList()));

    private static IResult Get(string id, SnapshotStore store)
    {
        var listing = store.List().FirstOrDefault(l => l.Snapshot.Id == id);
        return listing is null ? NotFound(id) : TypedResults.Ok(SnapshotResponse.From(listing));
    }

    private static IResult Publish(string id, SnapshotStore store, SnapshotProvider provider)
    {
        if (!store.Publish(id))
        {
            return NotFound(id);
        }

        provider.Reload();
        return provider.Current?.Id == id
            ? TypedResults.Ok(new PublishResponse(id))
            : TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Published but not served",
                detail: provider.LastError);
    }

    private static IResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Snapshot not found",
            detail: $"No snapshot '{RunsApi.Truncate(id)}'.");
}
