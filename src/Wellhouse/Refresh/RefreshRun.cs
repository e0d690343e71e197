namespace Wellhouse.Refresh;

/// <summary>The states of a refresh run.</summary>
internal static class RunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>The process died during the run (found at the next start).</summary>
    public const string Abandoned = "abandoned";
}

/// <summary>One refresh: <c>runs/&lt;id&gt;.json</c>. The snapshot it builds has the same id.</summary>
internal sealed record RefreshRun
{
    public required string Id { get; init; }

    /// <summary>What started it: api, schedule, cli or bootstrap.</summary>
    public required string Trigger { get; init; }

    public required string Status { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public double? DurationSeconds { get; init; }

    /// <summary>Whether its snapshot was published.</summary>
    public bool Published { get; init; }

    public string? Error { get; init; }

    public int RawBatches { get; init; }

    /// <summary>Whether a full refresh was asked for (CLI <c>--full-refresh</c>, API <c>full_refresh=true</c>).</summary>
    public bool FullRefreshRequested { get; init; }

    /// <summary><c>full</c> or <c>incremental</c>, once decided (null before).</summary>
    public string? Mode { get; init; }

    /// <summary>The snapshot an incremental build starts from.</summary>
    public string? ParentId { get; init; }

    /// <summary>Why the mode was chosen.</summary>
    public string? ModeReason { get; init; }

    public IReadOnlyList<NodeResult> Nodes { get; init; } = [];
}
