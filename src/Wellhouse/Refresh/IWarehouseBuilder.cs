namespace Wellhouse.Refresh;

/// <summary>
/// Builds the warehouse (the dbt project in warehouse/) into a new DuckDB file and runs its tests. The refresh owns
/// everything around it (ids, publish, rollback, history); the builder only fills <see cref="BuildRequest.SnapshotPath"/>
/// and must close every connection to it before returning.
/// </summary>
internal interface IWarehouseBuilder
{
    Task<BuildOutcome> BuildAsync(BuildRequest request, CancellationToken cancellationToken);
}

/// <summary>What to build: the new snapshot file (does not exist yet) and the raw batches (Parquet files) to read.</summary>
internal sealed record BuildRequest(string SnapshotPath, IReadOnlyList<string> RawBatchFiles, TextWriter Log);

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
