using Wellhouse.Transform.Compilation;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>A parsed project: its files, the selected profile target, vars and the manifest with the graph.</summary>
public sealed class LoadedProject
{
    public required string ProjectDir { get; init; }

    public required string Name { get; init; }

    /// <summary>The absolute target folder (manifest.json, compiled/, run/).</summary>
    public required string TargetPath { get; init; }

    public required ProfileTarget Target { get; init; }

    public required Manifest Manifest { get; init; }

    /// <summary>Project vars with <c>--vars</c> applied.</summary>
    public required IReadOnlyDictionary<string, object?> Vars { get; init; }

    public required DbtProjectFile ProjectFile { get; init; }

    public required DependencyGraph Graph { get; init; }

    /// <summary>The C# model of each node with Language <c>csharp</c>, by unique id.</summary>
    public IReadOnlyDictionary<string, ICSharpModel> CSharpModels { get; init; } = new Dictionary<string, ICSharpModel>(StringComparer.Ordinal);

    /// <summary>dbt's <c>invocation_id</c> for this load (a random UUID).</summary>
    public string InvocationId { get; init; } = Guid.NewGuid().ToString();

    /// <summary>dbt's <c>run_started_at</c> (UTC).</summary>
    public DateTime RunStartedAt { get; init; } = DateTime.UtcNow;

    /// <summary>The root project's selectors.yml selectors, by name.</summary>
    public IReadOnlyDictionary<string, YamlSelector> Selectors { get; init; } = new Dictionary<string, YamlSelector>(StringComparer.Ordinal);

    /// <summary>Every project's and package's <c>on-run-start</c>/<c>on-run-end</c> statements, in file order.</summary>
    public IReadOnlyList<RunHook> RunHooks { get; init; } = [];

    /// <summary>The macros, templates and docs the compiler renders with.</summary>
    internal ProjectTemplates Templates => Services.Templates;

    internal RenderServices Services { get; init; } = null!;
}
