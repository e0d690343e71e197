namespace Wellhouse.Transform.Execution;

/// <summary>The results of a run, in plan order, with its start and end.</summary>
public sealed record RunOutcome(IReadOnlyList<NodeResult> Results, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, bool Cancelled)
{
    /// <summary>True when every selected node succeeded (warnings count as success) and the run was not cancelled.</summary>
    public bool Success => !Cancelled && Results.All(r => !r.Status.IsFailure());

    public double ElapsedSeconds => (CompletedAt - StartedAt).TotalSeconds;
}
