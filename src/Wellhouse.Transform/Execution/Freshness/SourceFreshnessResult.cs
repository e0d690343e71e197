using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Execution.Freshness;

/// <summary>One source table's freshness check, as an entry of dbt's sources.json.</summary>
public sealed class SourceFreshnessResult
{
    public required SourceDefinition Source { get; init; }

    public required FreshnessStatus Status { get; init; }

    public FreshnessCriteria? Criteria { get; init; }

    /// <summary>max(loaded_at_field) in UTC; null when the table is empty or the query failed.</summary>
    public DateTimeOffset? MaxLoadedAt { get; init; }

    public DateTimeOffset SnapshottedAt { get; init; }

    /// <summary>Seconds between <see cref="MaxLoadedAt"/> and <see cref="SnapshottedAt"/> (an empty table counts as infinitely old).</summary>
    public double AgeSeconds { get; init; }

    /// <summary>The database or configuration error of a <see cref="FreshnessStatus.RuntimeError"/>.</summary>
    public string? Error { get; init; }

    public double ExecutionTime { get; init; }

    public IReadOnlyList<PhaseTiming> Timing { get; init; } = [];

    public string ThreadId { get; init; } = "Thread-1";

    public static string StatusText(FreshnessStatus status) => status switch
    {
        FreshnessStatus.Pass => "pass",
        FreshnessStatus.Warn => "warn",
        FreshnessStatus.Error => "error",
        _ => "runtime error",
    };
}

/// <summary>What <see cref="SourceFreshnessRunner.RunAsync"/> returns: load problems, or the results.</summary>
public sealed class SourceFreshnessReport
{
    public IReadOnlyList<Project.Diagnostic> Diagnostics { get; init; } = [];

    public string? Error { get; init; }

    public Project.LoadedProject? Project { get; init; }

    public IReadOnlyList<SourceFreshnessResult>? Results { get; init; }

    /// <summary>dbt's exit codes: 0 when every source passed or warned, 1 when one is stale past error_after or failed, 2 when nothing ran.</summary>
    public int ExitCode => Results is null || Error is not null || Diagnostics.Any(d => d.Severity == Wellhouse.Transform.Project.DiagnosticSeverity.Error) ? 2
        : Results.Any(r => r.Status is FreshnessStatus.Error or FreshnessStatus.RuntimeError) ? 1 : 0;

    public IEnumerable<string> FormatProblems()
    {
        foreach (var diagnostic in Diagnostics)
        {
            yield return diagnostic.Format(Project?.ProjectDir);
        }

        if (Error is not null)
        {
            yield return Error;
        }
    }
}
