using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Project;

/// <summary>A model, seed or macro entry of a schema .yml file (a "patch" in dbt's terms).</summary>
internal sealed class SchemaEntry
{
    public required string Kind { get; init; }

    public required string Name { get; init; }

    public required string File { get; init; }

    public required SourceSpan Span { get; init; }

    public string Description { get; set; } = string.Empty;

    public List<ColumnEntry> Columns { get; } = [];

    public Dictionary<string, object?> Config { get; } = new(StringComparer.Ordinal);

    public List<TestEntry> Tests { get; } = [];

    public Dictionary<string, object?> Meta { get; } = new(StringComparer.Ordinal);

    /// <summary>A YAML snapshot's <c>relation:</c> (dbt 1.9), e.g. <c>ref('orders')</c>; null elsewhere.</summary>
    public string? Relation { get; set; }

    public bool Used { get; set; }

    /// <summary>A model version's <c>v</c> as written (a number or a string); null for an unversioned entry. Each
    /// version of a model is an entry of its own, its columns, config and tests already merged with the model's.</summary>
    public object? Version { get; set; }

    /// <summary>The model's <c>latest_version</c> (or its greatest version) for a versioned entry.</summary>
    public object? LatestVersion { get; set; }

    /// <summary>The file (name without extension) a version is defined in: <c>defined_in</c>, else <c>&lt;model&gt;_v&lt;v&gt;</c>.</summary>
    public string? DefinedIn { get; set; }

    /// <summary><c>deprecation_date</c>: the version's for a versioned entry, the model's otherwise.</summary>
    public DateTimeOffset? DeprecationDate { get; set; }

    /// <summary>A model's <c>time_spine:</c> (MetricFlow's time spine: <c>standard_granularity_column</c>, ...).</summary>
    public Dictionary<string, object?>? TimeSpine { get; set; }

    /// <summary>Model-level <c>constraints:</c> (each a mapping with <c>type</c>, <c>columns</c>, <c>expression</c>...).</summary>
    public List<Dictionary<string, object?>> Constraints { get; } = [];

    public SourceSpan ConstraintsSpan { get; set; }
}

internal sealed record ColumnEntry(ColumnInfo Info, List<TestEntry> Tests, SourceSpan Span);

/// <summary>One entry of <c>tests:</c>/<c>data_tests:</c>: a name or a one-key mapping, with where it is written.</summary>
internal sealed record TestEntry(object? Definition, SourceSpan Span, string? ColumnName);

internal sealed class SourceEntry
{
    public required string Name { get; init; }

    public required string File { get; init; }

    public required SourceSpan Span { get; init; }

    public string Description { get; set; } = string.Empty;

    public string? Database { get; set; }

    public string? Schema { get; set; }

    public string? Loader { get; set; }

    public string? LoadedAtField { get; set; }

    public object? Freshness { get; set; }

    /// <summary>The source's <c>quoting:</c> mapping, or null.</summary>
    public object? Quoting { get; set; }

    /// <summary>True when the entry has a <c>freshness:</c> key, even <c>freshness: null</c> (which switches it off).</summary>
    public bool FreshnessSet { get; set; }

    public Dictionary<string, object?> Meta { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Config { get; } = new(StringComparer.Ordinal);

    public List<string> Tags { get; } = [];

    public List<SourceTableEntry> Tables { get; } = [];

    /// <summary>Where each rendered string is written ("schema", "config.external_location", ...), for diagnostics.</summary>
    public Dictionary<string, SourceSpan> ValueSpans { get; } = new(StringComparer.Ordinal);
}

internal sealed class SourceTableEntry
{
    public required string Name { get; init; }

    public required SourceSpan Span { get; init; }

    public string? Identifier { get; set; }

    public string Description { get; set; } = string.Empty;

    public string? LoadedAtField { get; set; }

    public object? Freshness { get; set; }

    /// <summary>The table's <c>quoting:</c> mapping, or null.</summary>
    public object? Quoting { get; set; }

    /// <summary>True when the entry has a <c>freshness:</c> key, even <c>freshness: null</c> (which switches it off).</summary>
    public bool FreshnessSet { get; set; }

    public Dictionary<string, object?> Meta { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Config { get; } = new(StringComparer.Ordinal);

    public List<string> Tags { get; } = [];

    public List<ColumnEntry> Columns { get; } = [];

    public List<TestEntry> Tests { get; } = [];

    /// <summary>Where each rendered string is written ("identifier", "config.external_location", ...), for diagnostics.</summary>
    public Dictionary<string, SourceSpan> ValueSpans { get; } = new(StringComparer.Ordinal);
}

/// <summary>Everything read from the schema .yml files of a project.</summary>
internal sealed class SchemaFiles
{
    public List<SchemaEntry> Entries { get; } = [];

    public List<SourceEntry> Sources { get; } = [];

    public List<UnitTestDefinition> UnitTests { get; } = [];

    /// <summary>The <c>exposures:</c> entries, with the file each is written in.</summary>
    public List<(Graph.ExposureDefinition Exposure, string File)> Exposures { get; } = [];

    /// <summary>The <c>semantic_models:</c>, <c>metrics:</c> and <c>saved_queries:</c> entries, each with its YAML (for
    /// the lines of its parts in later checks).</summary>
    public List<(Graph.SemanticResource Resource, YamlDotNet.RepresentationModel.YamlMappingNode Node)> Semantic { get; } = [];

    /// <summary>The <c>groups:</c> entries.</summary>
    public List<GroupDefinition> Groups { get; } = [];
}
