using Wellhouse.Refresh;

namespace Wellhouse.Api.Responses;

/// <summary>A refresh run: build a snapshot from the raw store, test it, publish it if no error-severity test failed.</summary>
/// <param name="Id">Run id (sorts by start time); the snapshot it builds has the same id.</param>
/// <param name="Trigger">What started it: api, schedule, cli or bootstrap.</param>
/// <param name="Status">running, succeeded, failed, cancelled or abandoned (the process died during the run).</param>
/// <param name="StartedAt">Start time, ISO 8601 with offset.</param>
/// <param name="FinishedAt">End time, ISO 8601 with offset; null while running.</param>
/// <param name="DurationSeconds">Wall time of the run, seconds; null while running.</param>
/// <param name="Published">Whether its snapshot was published.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
/// <param name="RawBatches">Raw batches the build read.</param>
/// <param name="Nodes">Per-node results of the build, as in dbt's run_results.json.</param>
/// <param name="FullRefreshRequested">Whether a full refresh was asked for (full_refresh=true, --full-refresh).</param>
/// <param name="Mode">full (every model into an empty snapshot) or incremental (on the parent snapshot); null until decided.</param>
/// <param name="ParentId">The snapshot an incremental build starts from; null for a full build.</param>
/// <param name="ModeReason">Why the mode was chosen (asked for, no parent, what changed in the project, new batches).</param>
internal sealed record RunResponse(string Id, string Trigger, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    double? DurationSeconds, bool Published, string? Error, int RawBatches, IReadOnlyList<RunNodeResult> Nodes,
    bool FullRefreshRequested, string? Mode, string? ParentId, string? ModeReason)
{
    /// <summary>The run as clients see it: <paramref name="forClients"/> names the server's folders in texts.</summary>
    public static RunResponse From(RefreshRun run, Func<string, string> forClients) => new(run.Id, run.Trigger, run.Status,
        run.StartedAt, run.FinishedAt, run.DurationSeconds, run.Published, run.Error is { } error ? forClients(error) : null,
        run.RawBatches, run.Nodes.Select(node => RunNodeResult.From(node, forClients)).ToList(), run.FullRefreshRequested,
        run.Mode, run.ParentId, run.ModeReason is { } reason ? forClients(reason) : null);
}

/// <summary>One node's result in a run (dbt's run_results.json).</summary>
/// <param name="UniqueId">dbt unique id, e.g. model.wellhouse.mart_production_monthly.</param>
/// <param name="ResourceType">model, seed, test or snapshot.</param>
/// <param name="Status">success, error or skipped for models and seeds; pass, fail, warn, error or skipped for tests.</param>
/// <param name="ExecutionTimeSeconds">Time the node took, seconds.</param>
/// <param name="Message">The adapter's or test's message; null when none.</param>
/// <param name="Failures">Rows a test returned; null for other nodes.</param>
/// <param name="BlocksPublish">Whether this result forbids publishing (a model error or a failing error-severity test).</param>
internal sealed record RunNodeResult(string UniqueId, string ResourceType, string Status, double ExecutionTimeSeconds,
    string? Message, long? Failures, bool BlocksPublish)
{
    public static RunNodeResult From(NodeResult node, Func<string, string> forClients) => new(node.UniqueId, node.ResourceType,
        node.Status, node.ExecutionTimeSeconds, node.Message is { } message ? forClients(message) : null, node.Failures,
        node.BlocksPublish);
}

/// <summary>Refresh runs, newest first.</summary>
/// <param name="Items">The runs (at most the limit asked for).</param>
internal sealed record RunListResponse(IReadOnlyList<RunResponse> Items);
