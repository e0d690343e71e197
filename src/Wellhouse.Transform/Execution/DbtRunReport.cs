using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

/// <summary>The result of <see cref="DbtRunner.RunAsync"/>: diagnostics if the project did not load, else the run.</summary>
public sealed class DbtRunReport
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>A problem outside the project files (database cannot be opened, ...); null if none.</summary>
    public string? Error { get; init; }

    public LoadedProject? Project { get; init; }

    public RunOutcome? Outcome { get; init; }

    /// <summary>The absolute database path the run wrote.</summary>
    public string? DatabasePath { get; init; }

    public bool Success => Error is null && Outcome is { Success: true } && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);

    /// <summary>dbt's exit codes: 0 success, 1 a node failed, 2 the run could not start (bad project, bad flags).</summary>
    public int ExitCode => Success ? 0 : Outcome is null ? 2 : 1;

    /// <summary>The diagnostics (or error) formatted for printing.</summary>
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
