using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Docs;

/// <summary>The result of <see cref="DocsGenerator.GenerateAsync"/>.</summary>
public sealed class DocsGenerateReport
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>A problem outside the project files (compilation failed, database unreadable); null if none.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public LoadedProject? Project { get; init; }

    /// <summary>target/catalog.json and target/index.html; null when nothing was written.</summary>
    public string? CatalogPath { get; init; }

    public string? SitePath { get; init; }

    /// <summary>How many nodes and sources the catalog holds.</summary>
    public int CatalogEntries { get; init; }

    public bool Success => Errors.Count == 0 && SitePath is not null && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);

    /// <summary>0 success; 1 compilation or the catalog failed; 2 the project or the flags are invalid (as dbt).</summary>
    public int ExitCode => Success ? 0 : Project is null || Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? 2 : 1;

    public IEnumerable<string> FormatProblems() =>
        Diagnostics.Select(d => d.Format(Project?.ProjectDir)).Concat(Errors);
}
