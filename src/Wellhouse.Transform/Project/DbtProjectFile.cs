namespace Wellhouse.Transform.Project;

/// <summary>The contents of <c>dbt_project.yml</c> after Jinja rendering (env_var and var in strings).</summary>
public sealed class DbtProjectFile
{
    public required string Name { get; init; }

    public string? Profile { get; init; }

    /// <summary>Where <c>profile:</c> is written (for diagnostics about the profile).</summary>
    internal SourceSpan ProfileSpan { get; init; } = new("dbt_project.yml", 1, 1);

    public IReadOnlyList<string> ModelPaths { get; init; } = ["models"];

    public IReadOnlyList<string> SeedPaths { get; init; } = ["seeds"];

    public IReadOnlyList<string> TestPaths { get; init; } = ["tests"];

    public IReadOnlyList<string> MacroPaths { get; init; } = ["macros"];

    public IReadOnlyList<string> SnapshotPaths { get; init; } = ["snapshots"];

    public IReadOnlyList<string> AnalysisPaths { get; init; } = ["analyses"];

    /// <summary>Where <c>{% docs %}</c> blocks are read; dbt's default is every resource path.</summary>
    public IReadOnlyList<string>? DocsPaths { get; init; }

    public string TargetPath { get; init; } = "target";

    /// <summary><c>query-comment</c>: dbt's default comment unless set; null when switched off.</summary>
    public QueryCommentSetting? QueryComment { get; init; } = QueryCommentSetting.Default;

    public IReadOnlyList<string> CleanTargets { get; init; } = [];

    public string? Version { get; init; }

    /// <summary>Project vars (<c>vars:</c>), flattened for the root project (top-level non-dict entries and the
    /// entries under the project's own name).</summary>
    public Dictionary<string, object?> Vars { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The <c>models:</c> config tree, as plain values.</summary>
    public Dictionary<string, object?> Models { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Seeds { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The <c>analyses:</c> config tree.</summary>
    public Dictionary<string, object?> Analyses { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The <c>snapshots:</c> config tree.</summary>
    public Dictionary<string, object?> Snapshots { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The <c>data_tests:</c> (or older <c>tests:</c>) config tree.</summary>
    public Dictionary<string, object?> Tests { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Sources { get; init; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> OnRunStart { get; init; } = [];

    public IReadOnlyList<string> OnRunEnd { get; init; } = [];

    /// <summary>Where each top-level key is written (file relative to the root project, line, column).</summary>
    public IReadOnlyDictionary<string, SourceSpan> KeySpans { get; init; } = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);

    /// <summary>Every top-level key with its raw value, for what this record does not name.</summary>
    public Dictionary<string, object?> Raw { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Folders that hold docs blocks: <see cref="DocsPaths"/>, else models, seeds, tests, macros, snapshots, analyses.</summary>
    public IEnumerable<string> EffectiveDocsPaths => DocsPaths ?? ModelPaths.Concat(SeedPaths).Concat(TestPaths).Concat(MacroPaths).Concat(SnapshotPaths).Concat(AnalysisPaths).Distinct(StringComparer.Ordinal);
}
