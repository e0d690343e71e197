using Wellhouse.Ingest;
using Wellhouse.Snapshots;

namespace Wellhouse.Hosting;

/// <summary><c>/alive</c> (the process answers) and <c>/health</c> (a snapshot is served and the raw store is writable).</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/alive", () => TypedResults.Ok(new AliveStatus("alive"))).WithTags("Health").WithName("Alive")
            .WithSummary("Liveness: the process answers.").Produces<AliveStatus>();
        endpoints.MapGet("/health", Health).WithTags("Health").WithName("Health")
            .WithSummary("Readiness: 200 when a snapshot is served and the raw store is writable, else 503 with the problems.")
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

/// <summary>The process answers.</summary>
/// <param name="Status">Always "alive".</param>
internal sealed record AliveStatus(string Status);

/// <summary>Whether the server can serve reads and take uploads (200 healthy, 503 unhealthy).</summary>
/// <param name="Status">healthy or unhealthy.</param>
/// <param name="Snapshot">The served snapshot's id; null before the first publish.</param>
/// <param name="SnapshotBuiltAt">When the served snapshot's build finished, ISO 8601 with offset.</param>
/// <param name="SnapshotAgeSeconds">Age of the served snapshot, seconds.</param>
/// <param name="RawStoreWritable">Whether the raw store accepts uploads.</param>
/// <param name="Problems">What is wrong, in words; empty when healthy.</param>
internal sealed record HealthStatus(string Status, string? Snapshot, DateTimeOffset? SnapshotBuiltAt, double? SnapshotAgeSeconds,
    bool RawStoreWritable, IReadOnlyList<string> Problems);
