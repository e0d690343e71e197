namespace Wellhouse.Snapshots;

/// <summary>A finished snapshot: what <c>snapshots/&lt;id&gt;.json</c> holds. A snapshot file never changes after this is written.</summary>
internal sealed record SnapshotInfo
{
    public required string Id { get; init; }

    /// <summary>When the build that made it finished (the data's "as of").</summary>
    public required DateTimeOffset BuiltAt { get; init; }

    public required string RunId { get; init; }

    /// <summary>The raw batches (content hashes) the snapshot was built from.</summary>
    public IReadOnlyList<string> RawBatches { get; init; } = [];

    public int TestsPassed { get; init; }

    public int TestsWarned { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>How it was built: <c>full</c> or <c>incremental</c> (null: built before modes were recorded).</summary>
    public string? Mode { get; init; }

    /// <summary>The snapshot an incremental build started from; null for a full build.</summary>
    public string? ParentId { get; init; }

    /// <summary>Why the refresh chose its mode.</summary>
    public string? ModeReason { get; init; }

    /// <summary>The project, target, C# models and raw contract it was built with (the next refresh compares them).</summary>
    public Refresh.ProjectState? ProjectState { get; init; }
}

/// <summary>A snapshot as listed by the API: its info and whether it is the published one.</summary>
internal sealed record SnapshotListing(SnapshotInfo Snapshot, bool IsPublished);
