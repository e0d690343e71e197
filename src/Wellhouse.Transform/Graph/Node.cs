using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// A buildable or testable node of the project graph: a model (SQL or C#), a seed, a test (generic or singular).
/// Mirrors the node entries of dbt's manifest.json (v12); property names map to dbt's snake_case keys.
/// </summary>
public sealed class Node
{
    /// <summary>dbt's id, e.g. <c>model.jaffle_shop.orders</c> or <c>test.jaffle_shop.unique_orders_order_id.fed2c6b2b2</c>.</summary>
    public required string UniqueId { get; set; }

    public required ResourceType ResourceType { get; init; }

    public required string Name { get; set; }

    public required string PackageName { get; init; }

    /// <summary>Path relative to the project directory, e.g. <c>models/staging/stg_orders.sql</c>.</summary>
    public required string OriginalFilePath { get; init; }

    /// <summary>The folder of the node's package relative to the root project (<c>dbt_packages/dbt_utils</c>); empty
    /// for the root project's nodes. <see cref="OriginalFilePath"/> is relative to it.</summary>
    public string PackagePath { get; init; } = string.Empty;

    /// <summary>Path relative to the resource folder, e.g. <c>staging/stg_orders.sql</c>.</summary>
    public required string Path { get; init; }

    /// <summary>Fully qualified name: project, folders, name.</summary>
    public required IReadOnlyList<string> Fqn { get; set; }

    /// <summary><c>sql</c> for SQL models, tests and seeds; <c>csharp</c> for models implemented in C#.</summary>
    public string Language { get; init; } = "sql";

    /// <summary>The file's text (Jinja + SQL) before rendering; empty for seeds and C# models.</summary>
    public string RawCode { get; set; } = string.Empty;

    /// <summary>SQL after Jinja rendering and ephemeral CTE injection; null until compiled.</summary>
    public string? CompiledCode { get; set; }

    public NodeConfig Config { get; set; } = new();

    public string? Database { get; set; }

    public string Schema { get; set; } = "main";

    /// <summary>The relation's identifier (config alias, else the name).</summary>
    public string Alias { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public Dictionary<string, ColumnInfo> Columns { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Meta { get; } = new(StringComparer.Ordinal);

    /// <summary>The schema .yml file that documents this node, as <c>package://path</c> in dbt's manifest; null if none.</summary>
    public string? PatchPath { get; set; }

    /// <summary><c>ref()</c> calls found while parsing: (package or null, name, version or null).</summary>
    public List<RefCall> Refs { get; } = [];

    /// <summary><c>source()</c> calls found while parsing: [source_name, table_name].</summary>
    public List<string[]> Sources { get; } = [];

    /// <summary>Unique ids of the nodes and sources this node depends on.</summary>
    public List<string> DependsOnNodes { get; } = [];

    /// <summary>Unique ids of the macros this node calls.</summary>
    public List<string> DependsOnMacros { get; } = [];

    /// <summary>For generic tests: the test macro and its arguments.</summary>
    public TestMetadata? TestMetadata { get; set; }

    /// <summary>For generic tests: the column tested, if any.</summary>
    public string? ColumnName { get; set; }

    /// <summary>For generic tests: the unique id of the model, seed or source the test is attached to.</summary>
    public string? AttachedNode { get; set; }

    /// <summary>Where the node is defined (the .sql file, or the .yml entry for generic tests and C# models).</summary>
    public SourceSpan DefinedAt { get; set; }

    /// <summary>SHA-256 of the file's contents, as dbt's <c>checksum</c>.</summary>
    public string Checksum { get; set; } = string.Empty;

    public Relation Relation => new(Database, Schema, Alias);

    /// <summary>A versioned model's <c>v</c> as written in its .yml (a number or a string); null when unversioned.</summary>
    public object? Version { get; set; }

    /// <summary>A versioned model's <c>latest_version</c> (the greatest version when not written).</summary>
    public object? LatestVersion { get; set; }

    /// <summary>The version as dbt prints it (<c>str(v)</c>): <c>2</c>, <c>1.5</c>, <c>beta</c>; null when unversioned.</summary>
    public string? VersionText => Version is null ? null : PythonRepr.Str(Version);

    public bool IsLatestVersion => Version is not null && VersionText == PythonRepr.Str(LatestVersion);

    public DateTimeOffset? DeprecationDate { get; set; }

    /// <summary>A model's <c>time_spine:</c> property (MetricFlow's time spine), as written; null when none.</summary>
    public Dictionary<string, object?>? TimeSpine { get; set; }

    /// <summary>A model's model-level <c>constraints:</c> (column constraints are on <see cref="Columns"/>).</summary>
    public List<Constraint> Constraints { get; } = [];

    /// <summary>A model's access (private, protected or public; dbt's default is protected).</summary>
    public string Access => Config.GetString("access") ?? "protected";

    /// <summary>The group the node belongs to (config <c>group</c>); null when none.</summary>
    public string? Group => Config.GetString("group");

    /// <summary>
    /// Where dbt writes the compiled SQL, relative to the target folder's <c>compiled/</c> (or <c>run/</c>):
    /// <c>package/original_file_path</c>, and for generic tests <c>package/schema_file.yml/path</c>.
    /// </summary>
    public string CompiledRelativePath => TestMetadata is null
        ? $"{PackageName}/{OriginalFilePath}"
        : $"{PackageName}/{OriginalFilePath}/{Path}";

    public bool IsEphemeral => ResourceType == ResourceType.Model && Config.Materialized == "ephemeral";

    /// <summary>The node's name with its version, as dbt prints it in messages: <c>dim_customers.v2</c>.</summary>
    public string DisplayName => Version is null ? Name : $"{Name}.v{VersionText}";

    public override string ToString() => UniqueId;
}

/// <summary>A <c>ref()</c> call: <c>ref('name')</c>, <c>ref('package', 'name')</c>, optionally with <c>v=</c>.</summary>
public sealed record RefCall(string? Package, string Name, string? Version = null);

/// <summary>A generic test's macro name, namespace and keyword arguments (column_name, model, values, to, field...).</summary>
public sealed class TestMetadata
{
    public required string Name { get; set; }

    public string? Namespace { get; init; }

    /// <summary>The package whose <c>test_&lt;name&gt;</c> macro the test calls (not written to manifest.json).</summary>
    internal string MacroPackage { get; init; } = "dbt";

    public Dictionary<string, object?> Kwargs { get; } = new(StringComparer.Ordinal);
}
