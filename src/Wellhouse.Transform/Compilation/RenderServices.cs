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

    /// <summary>Nodes by name (models, seeds; then snapshots), for ref lookups; filled after parsing.</summary>
    public Dictionary<string, Node> NodesByName { get; } = new(StringComparer.Ordinal);

    /// <summary>Sources by (source name, table name).</summary>
    public Dictionary<(string, string), SourceDefinition> SourcesByName { get; } = [];

    /// <summary>dbt's <c>graph</c> global (nodes and sources as plain dicts); built once after parsing.</summary>
    public Dictionary<string, object?>? GraphValue { get; set; }
}
