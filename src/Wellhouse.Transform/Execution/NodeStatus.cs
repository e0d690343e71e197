namespace Wellhouse.Transform.Execution;

/// <summary>A node's outcome, as dbt's run_results.json spells it (<see cref="NodeStatuses.ToDbtString"/>).</summary>
public enum NodeStatus
{
    /// <summary>A model or seed was built.</summary>
    Success,

    /// <summary>A model, seed or test could not run (compile or database error).</summary>
    Error,

    /// <summary>Not run because something upstream failed (or --fail-fast, or cancellation).</summary>
    Skipped,

    /// <summary>A test found no failures above its thresholds.</summary>
    Pass,

    /// <summary>A test of severity error crossed its error_if threshold.</summary>
    Fail,

    /// <summary>A test crossed its warn_if threshold (or error_if with severity warn).</summary>
    Warn,

    /// <summary>dbt 1.10's no-op result of an exposure or saved query in <c>build</c>.</summary>
    NoOp,
}

public static class NodeStatuses
{
    public static string ToDbtString(this NodeStatus status) => status switch
    {
        NodeStatus.Success => "success",
        NodeStatus.Error => "error",
        NodeStatus.Skipped => "skipped",
        NodeStatus.Pass => "pass",
        NodeStatus.Fail => "fail",
        NodeStatus.Warn => "warn",
        NodeStatus.NoOp => "no-op",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>True when downstream nodes must be skipped (dbt: a failed model, seed, or error-severity test).</summary>
    public static bool BlocksDownstream(this NodeStatus status) => status is NodeStatus.Error or NodeStatus.Fail or NodeStatus.Skipped;

    /// <summary>True when the run's exit code must be non-zero (warnings are success).</summary>
    public static bool IsFailure(this NodeStatus status) => status is NodeStatus.Error or NodeStatus.Fail or NodeStatus.Skipped;
}
