using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Execution;

/// <summary>What <see cref="DbtRunner"/> runs: dbt's command-line flags, plus what an in-process host overrides.</summary>
public sealed class DbtRunOptions
{
    public required string ProjectDir { get; init; }

    public DbtCommandKind Command { get; init; } = DbtCommandKind.Build;

    /// <summary>dbt's name of the verb (<c>flags.WHICH</c>, <c>invocation_args_dict.which</c>, run_results.json's
    /// <c>args.which</c>) when it is not <see cref="Command"/>'s: <c>generate</c> for <c>docs generate</c>,
    /// <c>freshness</c> for <c>source freshness</c>; null for Command's own name.</summary>
    public string? Which { get; init; }

    /// <summary>The verb's name as dbt reports it: <see cref="Which"/>, else <see cref="Command"/> in lower case.</summary>
    internal string VerbName => Which ?? Command.ToString().ToLowerInvariant();

    public string? ProfilesDir { get; init; }

    public string? Target { get; init; }

    /// <summary><c>--vars</c>: a YAML mapping.</summary>
    public string? VarsYaml { get; init; }

    public IReadOnlyList<string> Select { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>dbt's <c>--selector</c>: a selector of the project's selectors.yml.</summary>
    public string? Selector { get; init; }

    /// <summary><c>--indirect-selection</c>: which tests of the selected nodes are added (eager, cautious, buildable, empty).</summary>
    public string IndirectSelection { get; init; } = Graph.NodeSelector.Eager;

    /// <summary><c>--threads</c>; null takes the profile target's threads.</summary>
    public int? Threads { get; init; }

    public bool FailFast { get; init; }

    public bool FullRefresh { get; init; }

    /// <summary>dbt's <c>--store-failures</c>: tests without a <c>store_failures</c> config store their failing rows.</summary>
    public bool StoreFailures { get; init; }

    /// <summary><c>--state DIR</c>: a previous run's artifacts (manifest.json, run_results.json) for the <c>state:</c>
    /// and <c>result:</c> selectors; relative to the project dir. Null: none (the CLI falls back to DBT_STATE).</summary>
    public string? StatePath { get; init; }

    /// <summary>Run exactly these nodes instead of evaluating <see cref="Select"/> (<c>wellhouse retry</c>); ids not in
    /// the project are ignored.</summary>
    public IReadOnlyCollection<string>? UniqueIds { get; init; }

    /// <summary>Build into this database file instead of the profile's path; SQL keeps the profile's database name
    /// (the file is attached under it), so a host can build a new snapshot file with the same compiled SQL. Give the
    /// file the profile database's stem (e.g. <c>snapshots/0042/warehouse.duckdb</c>): views store their SQL with
    /// that catalog name, so a reader opening the file directly resolves them only if the names agree.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>dbt's <c>invocation_command</c> (in <c>invocation_args_dict</c> and run_results.json's <c>args</c>):
    /// the command line as dbt's would read, <c>dbt build --select x</c>; null gives <c>dbt &lt;verb&gt;</c>.</summary>
    public string? InvocationCommand { get; init; }

    /// <summary>Where artifacts go instead of the project's target-path (absolute, or relative to the project dir).</summary>
    public string? TargetPath { get; init; }

    public IReadOnlyDictionary<string, ICSharpModel> CSharpModels { get; init; } = new Dictionary<string, ICSharpModel>(StringComparer.Ordinal);

    /// <summary>Progress lines as dbt prints them (without timestamps); called from one thread at a time.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Environment for <c>env_var()</c>; null reads the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    internal ProjectLoadOptions ToLoadOptions() => new()
    {
        ProjectDir = ProjectDir,
        ProfilesDir = ProfilesDir,
        Target = Target,
        VarsYaml = VarsYaml,
        CSharpModels = CSharpModels,
        Environment = Environment,
        Which = VerbName,
    };
}
