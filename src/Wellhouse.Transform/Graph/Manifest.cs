namespace Wellhouse.Transform.Graph;

/// <summary>Everything parsed from a project: nodes, sources, macros and docs, with the dependency maps.</summary>
public sealed class Manifest
{
    public required string ProjectName { get; init; }

    /// <summary>Models, seeds, tests (and later unit tests), by unique id.</summary>
    public Dictionary<string, Node> Nodes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SourceDefinition> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Macros by unique id (<c>macro.project.name</c>), with their file and text.</summary>
    public Dictionary<string, MacroDefinition> Macros { get; } = new(StringComparer.Ordinal);

    /// <summary><c>{% docs name %}</c> blocks by unique id (<c>doc.project.name</c>).</summary>
    public Dictionary<string, DocDefinition> Docs { get; } = new(StringComparer.Ordinal);

    /// <summary>Nodes switched off with <c>enabled: false</c> (and tests of disabled nodes), by unique id.</summary>
    public Dictionary<string, ExposureDefinition> Exposures { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Node> Disabled { get; } = new(StringComparer.Ordinal);

    /// <summary>Semantic models, metrics and saved queries by unique id (<c>metric.project.name</c>, ...).</summary>
    public Dictionary<string, SemanticResource> SemanticModels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SemanticResource> Metrics { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, SemanticResource> SavedQueries { get; } = new(StringComparer.Ordinal);

    /// <summary>The semantic models, metrics and saved queries.</summary>
    public IEnumerable<SemanticResource> SemanticResources => SemanticModels.Values.Concat(Metrics.Values).Concat(SavedQueries.Values);

    /// <summary>The schema files' <c>groups:</c>, by unique id (<c>group.project.name</c>).</summary>
    public Dictionary<string, GroupDefinition> Groups { get; } = new(StringComparer.Ordinal);

    /// <summary>unique id -> the unique ids it depends on (nodes and sources).</summary>
    public Dictionary<string, List<string>> ParentMap { get; } = new(StringComparer.Ordinal);

    /// <summary>unique id -> the unique ids that depend on it.</summary>
    public Dictionary<string, List<string>> ChildMap { get; } = new(StringComparer.Ordinal);

    /// <summary>Unit tests' definitions (given, expect, overrides) by the unique id of their unit_test node.</summary>
    internal Dictionary<string, UnitTestDefinition> UnitTests { get; } = new(StringComparer.Ordinal);
}

public sealed record MacroDefinition(string UniqueId, string Name, string PackageName, string OriginalFilePath, string MacroSql)
{
    /// <summary>From a schema file's <c>macros:</c> entry.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>The schema file that documents the macro, as <c>package://path</c>; null if none.</summary>
    public string? PatchPath { get; set; }

    public Dictionary<string, object?> Meta { get; } = new(StringComparer.Ordinal);
}

public sealed record DocDefinition(string UniqueId, string Name, string PackageName, string OriginalFilePath, string BlockContents);
