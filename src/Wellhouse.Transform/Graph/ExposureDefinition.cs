using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// An exposure of a schema file (dbt docs: "Add exposures to your DAG"): a dashboard, notebook, analysis, ML model or
/// application that uses the project's models, with its owner and the nodes it depends on. It builds nothing; it is in
/// manifest.json, the graph (<c>+exposure:name</c> selects what feeds it) and the Jinja <c>graph.exposures</c>.
/// </summary>
public sealed class ExposureDefinition
{
    /// <summary><c>exposure.&lt;package&gt;.&lt;name&gt;</c> (set when its package is known).</summary>
    public string UniqueId { get; set; } = string.Empty;

    public required string Name { get; init; }

    public string PackageName { get; set; } = string.Empty;

    public required string OriginalFilePath { get; set; }

    public required string Type { get; init; }

    public required SourceSpan DefinedAt { get; init; }

    public Dictionary<string, object?> Owner { get; init; } = new(StringComparer.Ordinal);

    public string Description { get; init; } = string.Empty;

    public string? Label { get; init; }

    public string? Maturity { get; init; }

    public string? Url { get; init; }

    public Dictionary<string, object?> Meta { get; init; } = new(StringComparer.Ordinal);

    public List<string> Tags { get; init; } = [];

    /// <summary>The <c>depends_on:</c> entries as written (<c>ref('orders')</c>, <c>source('raw', 'wells')</c>).</summary>
    public List<string> DependsOnText { get; init; } = [];

    /// <summary>Unique ids of the nodes and sources it depends on (resolved after parsing).</summary>
    public List<string> DependsOnNodes { get; } = [];

    /// <summary>An exposure as dbt's manifest writes it.</summary>
    public Dictionary<string, object?> ToManifest() => new(StringComparer.Ordinal)
    {
        ["name"] = Name,
        ["resource_type"] = "exposure",
        ["package_name"] = PackageName,
        ["path"] = Path.GetFileName(OriginalFilePath),
        ["original_file_path"] = OriginalFilePath,
        ["unique_id"] = UniqueId,
        ["fqn"] = new List<object?> { PackageName, Name },
        ["type"] = Type,
        ["owner"] = Owner,
        ["description"] = Description,
        ["label"] = Label,
        ["maturity"] = Maturity,
        ["meta"] = Meta,
        ["tags"] = Tags.Cast<object?>().ToList(),
        ["config"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["enabled"] = true },
        ["url"] = Url,
        ["depends_on"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["macros"] = new List<object?>(),
            ["nodes"] = DependsOnNodes.Cast<object?>().ToList(),
        },
    };
}
