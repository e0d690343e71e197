using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution;

/// <summary>One executed (or skipped) node, as an entry of dbt's run_results.json.</summary>
public sealed class NodeResult
{
    public required Node Node { get; init; }

    public required NodeStatus Status { get; init; }

    /// <summary>What happened: <c>OK</c>, <c>INSERT 12</c>, <c>Got 3 results, configured to fail if != 0</c>, the error.</summary>
    public string? Message { get; init; }

    /// <summary>For tests: the failures count; null for other nodes.</summary>
    public long? Failures { get; init; }

    public string ThreadId { get; init; } = "Thread-1 (worker)";

    /// <summary>Seconds spent on the node.</summary>
    public double ExecutionTime { get; init; }

    /// <summary>compile and execute phases, with UTC start and end.</summary>
    public IReadOnlyList<PhaseTiming> Timing { get; init; } = [];

    /// <summary>dbt's adapter_response: <c>_message</c>, <c>code</c>, <c>rows_affected</c> when known.</summary>
    public IReadOnlyDictionary<string, object?> AdapterResponse { get; init; } = new Dictionary<string, object?>();

    /// <summary>The relation built or tested, rendered as SQL; null for tests and ephemeral models.</summary>
    public string? RelationName { get; init; }

    /// <summary>The compiled SQL; null when compilation did not happen.</summary>
    public string? CompiledCode { get; init; }

    public override string ToString() => $"{Node.UniqueId}: {Status.ToDbtString()} {Message}";
}

/// <summary>A timed phase of a node (<c>compile</c> or <c>execute</c>).</summary>
public sealed record PhaseTiming(string Name, DateTimeOffset StartedAt, DateTimeOffset CompletedAt);
