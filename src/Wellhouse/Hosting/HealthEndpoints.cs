using Microsoft.Extensions.Options;
using Wellhouse.Ingest;
using Wellhouse.Refresh;
using Wellhouse.Snapshots;

namespace Wellhouse.Hosting;

/// <summary>
/// <c>/alive</c> (the process answers) and <c>/health</c>: unhealthy (503) when no snapshot is served or the raw store is
/// not writable; degraded (200: reads are still served) when the latest refresh failed, so the warehouse falls behind
/// the raw store; healthy otherwise.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/alive", () => TypedResults.Ok(new AliveStatus("alive"))).WithTags("Health").WithName("Alive")
            .WithSummary("Liveness: the process answers.").Produces<AliveStatus>();
        endpoints.MapGet("/health", Health).WithTags("Health").WithName("Health")
            .WithSummary("Readiness: 200 when a snapshot is served and the raw store is writable (degraded when the latest refresh failed), else 503 with the problems.")
            .Produces<HealthStatus>(StatusCodes.Status200OK).Produces<HealthStatus>(StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Health(SnapshotProvider snapshots, RawStore raw, RunStore runs, DataDirectory data,
        IOptions<WellhouseOptions> options, TimeProvider time)
    {
        // Anonymous: errors name the server's folders (<data>, ...) instead of spelling them out, as run logs do.
        string ForClients(string? text) => text is null ? string.Empty : RunLogText.ForClients(text, data, options.Value);
        var current = snapshots.Current;
        var rawError = raw.WritableError();
        var problems = new List<string>();
        if (current is null)
        {
            problems.Add(snapshots.LastError ?? "no snapshot is published");
        }

        if (rawError is not null)
        {
            problems.Add($"raw store not writable: {ForClients(rawError)}");
        }

        var unhealthy = problems.Count > 0;
        var (latest, failedInARow) = runs.RefreshRecord();
        if (failedInARow > 0 && latest is not null)
        {
            problems.Add($"the latest refresh {latest.Id} {latest.Status}"
                + (failedInARow > 1 ? $" ({failedInARow} refreshes in a row)" : string.Empty)
                + $": {ForClients(latest.Error)}; the served snapshot is older than the raw store");
        }

        var status = new HealthStatus(
            unhealthy ? "unhealthy" : problems.Count > 0 ? "degraded" : "healthy",
            current?.Id,
            current?.Info.BuiltAt,
            current is null ? null : (time.GetUtcNow() - current.Info.BuiltAt).TotalSeconds,
            rawError is null,
            problems)
        {
            LatestRefreshId = latest?.Id,
            LatestRefreshStatus = latest?.Status,
            LatestRefreshFinishedAt = latest?.FinishedAt,
            LatestRefreshError = latest?.Error is { } error ? ForClients(error) : null,
            FailedRefreshesInARow = failedInARow,
        };
        return unhealthy ? TypedResults.Json(status, statusCode: StatusCodes.Status503ServiceUnavailable) : TypedResults.Ok(status);
    }
}

/// <summary>The process answers.</summary>
/// <param name="Status">Always "alive".</param>
internal sealed record AliveStatus(string Status);

/// <summary>Whether the server can serve reads and take uploads (200 healthy or degraded, 503 unhealthy).</summary>
/// <param name="Status">healthy; degraded (still serving, but the latest refresh failed); or unhealthy.</param>
/// <param name="Snapshot">The served snapshot's id; null before the first publish.</param>
/// <param name="SnapshotBuiltAt">When the served snapshot's build finished, ISO 8601 with offset.</param>
/// <param name="SnapshotAgeSeconds">Age of the served snapshot, seconds.</param>
/// <param name="RawStoreWritable">Whether the raw store accepts uploads.</param>
/// <param name="Problems">What is wrong, in words; empty when healthy.</param>
internal sealed record HealthStatus(string Status, string? Snapshot, DateTimeOffset? SnapshotBuiltAt, double? SnapshotAgeSeconds,
    bool RawStoreWritable, IReadOnlyList<string> Problems)
{
    /// <summary>The newest refresh that ended (cancelled ones aside; GET /api/runs/{id}); null before the first.</summary>
    public string? LatestRefreshId { get; init; }

    /// <summary>How it ended: succeeded, failed or abandoned (its process stopped during the run).</summary>
    public string? LatestRefreshStatus { get; init; }

    /// <summary>When it ended, ISO 8601 with offset.</summary>
    public DateTimeOffset? LatestRefreshFinishedAt { get; init; }

    /// <summary>Why it failed (the server's folders named, e.g. &lt;data&gt;); null when it succeeded.</summary>
    public string? LatestRefreshError { get; init; }

    /// <summary>Refreshes that failed or were abandoned in a row, newest first, since the latest success (0 when it succeeded).</summary>
    public int FailedRefreshesInARow { get; init; }
}
