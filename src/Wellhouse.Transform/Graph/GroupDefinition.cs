using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>
/// A group of a schema file's <c>groups:</c> (dbt docs "Add groups to your DAG"): a name and an owner. Nodes join it
/// with the <c>group</c> config; a model with <c>access: private</c> may be referenced only from its own group.
/// </summary>
public sealed class GroupDefinition
{
    public required string Name { get; init; }

    public string UniqueId { get; set; } = string.Empty;

    public string PackageName { get; set; } = string.Empty;

    public required string OriginalFilePath { get; set; }

    public required SourceSpan DefinedAt { get; init; }

    public Dictionary<string, object?> Owner { get; init; } = new(StringComparer.Ordinal);

    public string? Description { get; init; }

    public Dictionary<string, object?> Config { get; init; } = new(StringComparer.Ordinal);

    /// <summary>A group as dbt's manifest writes it.</summary>
    public Dictionary<string, object?> ToManifest() => new(StringComparer.Ordinal)
    {
        ["name"] = Name,
        ["resource_type"] = "group",
        ["package_name"] = PackageName,
        ["path"] = OriginalFilePath,
        ["original_file_path"] = OriginalFilePath,
        ["unique_id"] = UniqueId,
        ["owner"] = Owner,
        ["description"] = Description,
        ["config"] = new Dictionary<string, object?>(Config, StringComparer.Ordinal) { ["meta"] = Config.GetValueOrDefault("meta") ?? new Dictionary<string, object?>(StringComparer.Ordinal) },
    };
}
