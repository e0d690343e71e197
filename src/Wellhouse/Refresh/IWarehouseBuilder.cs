namespace Wellhouse.Refresh;

/// <summary>
/// Builds the warehouse (the dbt project in warehouse/) into a new DuckDB file and runs its tests. The refresh owns
/// everything around it (ids, publish, rollback, history); the builder only fills <see cref="BuildRequest.SnapshotPath"/>
/// and must close every connection to it before returning.
/// </summary>
internal interface IWarehouseBuilder
{
    Task<BuildOutcome> BuildAsync(BuildRequest request, CancellationToken cancellationToken);

    /// <summary>The state of the project it builds (recorded in each snapshot, compared by the next refresh); null when
    /// it cannot tell, which makes every refresh full.</summary>
    ProjectState? DescribeProject() => null;

    /// <summary>Whether it can build a snapshot incrementally on a parent (<see cref="BuildRequest.Plan"/>).</summary>
    bool BuildsIncrementally => false;
}

/// <summary>
/// What to build: the new snapshot file (does not exist yet), the raw batches (Parquet files) to read, and how
/// (<see cref="Plan"/>); for an incremental plan, the parent's finished file and the batches it was built from.
/// </summary>
internal sealed record BuildRequest(string SnapshotPath, IReadOnlyList<string> RawBatchFiles, TextWriter Log)
{
    public RefreshPlan Plan { get; init; } = new(RefreshModes.Full, null, "full");

    /// <summary>The parent snapshot's DuckDB file (read, never written); null for a full build.</summary>
    public string? ParentPath { get; init; }

    /// <summary>The raw batch files the parent was not built from (incremental only).</summary>
    public IReadOnlyList<string> NewRawBatchFiles { get; init; } = [];
}

/// <summary>How a build went: overall success, and per node what dbt's run_results.json says.</summary>
internal sealed record BuildOutcome(bool Succeeded, IReadOnlyList<NodeResult> Nodes, string? Error = null);

/// <summary>
/// One node's result, as in dbt's run_results.json: status is success/error/skipped for models and seeds,
/// pass/fail/warn/error/skipped for tests (a failing test of severity warn reports <c>warn</c>).
/// </summary>
internal sealed record NodeResult(string UniqueId, string ResourceType, string Status, double ExecutionTimeSeconds,
    string? Message = null, long? Failures = null)
{
    /// <summary>A node result that forbids publishing: a model error or a failing test of severity error.</summary>
    public bool BlocksPublish => Status is "error" or "fail";
}
