using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Compilation;

/// <summary>The project-wide state every render needs: target, vars, environment, templates and the manifest.</summary>
internal sealed class RenderServices
{
    public required string ProjectName { get; init; }

    public required ProfileTarget Target { get; init; }

    public required IReadOnlyDictionary<string, object?> Vars { get; init; }

    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required ProjectTemplates Templates { get; init; }

    public required Manifest Manifest { get; init; }

    public string InvocationId { get; init; } = Guid.NewGuid().ToString();

    public DateTime RunStartedAt { get; init; } = DateTime.UtcNow;

    public Action<string>? Log { get; set; }

    /// <summary>Nodes by (package, name) (models, seeds; then snapshots), for ref lookups; filled after parsing.</summary>
    public Dictionary<(string Package, string Name), Node> NodesByName { get; } = [];

    /// <summary>Sources by (package, source name, table name).</summary>
    public Dictionary<(string Package, string Source, string Table), SourceDefinition> SourcesByName { get; } = [];

    /// <summary>Vars of nodes of installed packages, by package (root project nodes use <see cref="Vars"/>).</summary>
    public Dictionary<string, IReadOnlyDictionary<string, object?>> PackageVars { get; } = new(StringComparer.Ordinal);

    /// <summary>The root project's <c>dispatch:</c> config: macro_namespace -> search_order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Dispatch { get; set; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>
    /// dbt's ref resolution (<c>Manifest.resolve_ref</c>): with a package, that package only; without, the root
    /// project, then the referring node's package, then any package.
    /// </summary>
    public Node? FindNode(string? package, string name, string? fromPackage, string? version = null)
    {
        name = VersionedKey(name, version);
        if (package is not null)
        {
            return NodesByName.GetValueOrDefault((package, name));
        }

        return NodesByName.GetValueOrDefault((ProjectName, name))
            ?? (fromPackage is null ? null : NodesByName.GetValueOrDefault((fromPackage, name)))
            ?? NodesByName.Where(p => p.Key.Name == name).OrderBy(p => p.Key.Package, StringComparer.Ordinal).Select(p => p.Value).FirstOrDefault();
    }

    /// <summary>The <see cref="NodesByName"/> key of a model version (<c>name.v2</c>, as dbt's ref lookup); the name when unpinned.</summary>
    public static string VersionedKey(string name, string? version) => version is null ? name : $"{name}.v{version}";

    /// <summary>dbt's source resolution: the root project, then the referring node's package, then any package.</summary>
    public SourceDefinition? FindSource(string source, string table, string? fromPackage) =>
        SourcesByName.GetValueOrDefault((ProjectName, source, table))
        ?? (fromPackage is null ? null : SourcesByName.GetValueOrDefault((fromPackage, source, table)))
        ?? SourcesByName.Where(p => p.Key.Source == source && p.Key.Table == table).OrderBy(p => p.Key.Package, StringComparer.Ordinal).Select(p => p.Value).FirstOrDefault();

    /// <summary>dbt's <c>graph</c> global (nodes and sources as plain dicts): after parsing, built once when a compile
    /// render first reads <c>graph</c> or <c>model</c> (most projects' templates never do).</summary>
    public Lazy<Dictionary<string, object?>>? Graph { get; set; }

    /// <summary>The <c>graph</c> global, built now if it was not yet; null before parsing ends.</summary>
    public Dictionary<string, object?>? GraphValue => Graph?.Value;
}
