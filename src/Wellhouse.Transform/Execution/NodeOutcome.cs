namespace Wellhouse.Transform.Execution;

/// <summary>What executing one node produced, before timing and thread are added to make a <see cref="NodeResult"/>.</summary>
internal sealed record NodeOutcome(NodeStatus Status, string Message)
{
    public long? Failures { get; init; }

    public long? RowsAffected { get; init; }

    public string? RelationName { get; init; }

    /// <summary>The statements sent to the database (written to target/run/).</summary>
    public string? RunSql { get; init; }

    /// <summary>The message's short form for the progress line (e.g. <c>INSERT 12</c>, <c>FAIL 3</c>).</summary>
    public string? ShortStatus { get; init; }
}
