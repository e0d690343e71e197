using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Project;

/// <summary>What to load: the project folder and the command-line options that change how it is read.</summary>
public sealed class ProjectLoadOptions
{
    public required string ProjectDir { get; init; }

    /// <summary><c>--profiles-dir</c>; null to search as dbt does.</summary>
    public string? ProfilesDir { get; init; }

    /// <summary><c>--target</c>; null for the profile's <c>target:</c>.</summary>
    public string? Target { get; init; }

    /// <summary><c>--vars</c>: a YAML mapping that overrides project vars.</summary>
    public string? VarsYaml { get; init; }

    /// <summary>C# models registered by the host, by name.</summary>
    public IReadOnlyDictionary<string, ICSharpModel> CSharpModels { get; init; } = new Dictionary<string, ICSharpModel>(StringComparer.Ordinal);

    /// <summary>Skip reading profiles.yml (for tools that need only the graph); the target is then an in-memory DuckDB.
    /// Packages listed but not installed are then a warning (DBT170) instead of an error.</summary>
    public bool WithoutProfile { get; init; }

    /// <summary>Environment variables seen by <c>env_var()</c>; null for the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The verb loading the project, as dbt's <c>flags.WHICH</c> while parsing (<c>build</c>, <c>generate</c>,
    /// <c>freshness</c>, ...); <c>compile</c> when none is given.</summary>
    public string Which { get; init; } = "compile";
}

/// <summary>The outcome of <see cref="ProjectLoader.Load"/>: the project when loading succeeded, and every diagnostic.</summary>
public sealed class ProjectLoadResult
{
    public LoadedProject? Project { get; init; }

    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    public bool Success => Project is not null && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);
}
