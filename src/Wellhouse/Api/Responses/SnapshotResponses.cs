using Wellhouse.Snapshots;

namespace Wellhouse.Api.Responses;

/// <summary>A kept snapshot of the warehouse.</summary>
/// <param name="Id">Snapshot id (the id of the run that built it; sorts by time).</param>
/// <param name="BuiltAt">When its build finished (the data's "as of"), ISO 8601 with offset.</param>
/// <param name="RunId">The refresh run that built it.</param>
/// <param name="RawBatches">Raw batches it was built from.</param>
/// <param name="TestsPassed">Tests that passed in its build.</param>
/// <param name="TestsWarned">Tests of severity warn that failed (they do not block publishing).</param>
/// <param name="SizeBytes">Size of the DuckDB file, bytes.</param>
/// <param name="Published">Whether it is the snapshot served now.</param>
/// <param name="Mode">How it was built: full or incremental (null for snapshots built before modes were recorded).</param>
/// <param name="ParentId">The snapshot an incremental build started from; null for a full build.</param>
/// <param name="ModeReason">Why its refresh chose that mode.</param>
internal sealed record SnapshotResponse(string Id, DateTimeOffset BuiltAt, string RunId, int RawBatches, int TestsPassed,
    int TestsWarned, long SizeBytes, bool Published, string? Mode, string? ParentId, string? ModeReason)
{
    public static SnapshotResponse From(SnapshotListing listing) => new(listing.Snapshot.Id, listing.Snapshot.BuiltAt,
        listing.Snapshot.RunId, listing.Snapshot.RawBatches.Count, listing.Snapshot.TestsPassed, listing.Snapshot.TestsWarned,
        listing.Snapshot.SizeBytes, listing.IsPublished, listing.Snapshot.Mode, listing.Snapshot.ParentId, listing.Snapshot.ModeReason);
}

/// <summary>Kept snapshots, newest first.</summary>
/// <param name="Items">The snapshots, the published one marked.</param>
internal sealed record SnapshotListResponse(IReadOnlyList<SnapshotResponse> Items);

/// <summary>The answer to a publish.</summary>
/// <param name="Published">The id of the snapshot served from now on.</param>
internal sealed record PublishResponse(string Published);
