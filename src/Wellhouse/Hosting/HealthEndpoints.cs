using Wellhouse.Ingest;
using Wellhouse.Snapshots;

namespace Wellhouse.Hosting;

/// <summary><c>/alive</c> (the process answers) and <c>/health</c> (a snapshot is served and the raw store is writable).</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/alive", () => TypedResults.Ok(new AliveStatus("alive"))).WithTags("Health").WithName("Alive");
        endpoints.MapGet("/health", Health).WithTags("Health").WithName("Health")
            .Produces<HealthStatus>(StatusCodes.Status200OK).Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Health(SnapshotProvider snapshots, RawStore raw, TimeProvider time)
    {
        var current = snapshots.Current;
        var rawError = raw.WritableError();
        var problems = new List<string>();
        if (current is null)
        {
            problems.Add(snapshots.LastError ?? "no snapshot is published");
        }

        if (rawError is not null)
        {
            problems.Add($"raw store not writable: {rawError}");
        }

        var status = new HealthStatus(
            problems.Count == 0 ? "healthy" : "unhealthy",
            current?.Id,
            current?.Info.BuiltAt,
            current is null ? null : (time.GetUtcNow() - current.Info.BuiltAt).TotalSeconds,
            rawError is null,
            problems);
        return problems.Count == 0 ? TypedResults.Ok(status) : TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

internal sealed record AliveStatus(string Status);

internal sealed record HealthStatus(string Status, string? Snapshot, DateTimeOffset? SnapshotBuiltAt, double? SnapshotAgeSeconds,
    bool RawStoreWritable, IReadOnlyList<string> Problems);
