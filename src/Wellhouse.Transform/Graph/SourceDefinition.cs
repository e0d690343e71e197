using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Graph;

/// <summary>A source table declared in a schema .yml file (<c>sources:</c>); unique id <c>source.project.source.table</c>.</summary>
public sealed class SourceDefinition
{
    public required string UniqueId { get; init; }

    public required string PackageName { get; init; }

    public required string SourceName { get; init; }

    public required string Name { get; init; }

    public required string OriginalFilePath { get; init; }

    public required IReadOnlyList<string> Fqn { get; init; }

    public string? Database { get; set; }

    public string Schema { get; set; } = "main";

    public string Identifier { get; set; } = string.Empty;

    /// <summary>The effective <c>quoting:</c> (the project's, the source's, the table's); the parts above are already
    /// the names the database has (<see cref="RelationQuoting"/>).</summary>
    public RelationQuoting Quoting { get; set; } = RelationQuoting.All;

    /// <summary>Set from <c>meta.external_location</c> or <c>config.external_location</c>: a file path or glob
    /// (Parquet, CSV) read in place of a table; may contain <c>{name}</c>, <c>{identifier}</c>.</summary>
    public string? ExternalLocation { get; set; }

    public string Description { get; set; } = string.Empty;

    public string SourceDescription { get; set; } = string.Empty;

    public string? Loader { get; set; }

    public string? LoadedAtField { get; set; }

    public Dictionary<string, ColumnInfo> Columns { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> Meta { get; } = new(StringComparer.Ordinal);

    public NodeConfig Config { get; set; } = new();

    public SourceSpan DefinedAt { get; set; }

    /// <summary>What <c>{{ source('a', 'b') }}</c> renders to: the relation, or <c>'path'</c> for an external location.</summary>
    public string RenderReference() => ExternalLocation is { } location
        ? "'" + location.Replace("{name}", Name, StringComparison.Ordinal).Replace("{identifier}", Identifier, StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'"
        : new Relation(Database, Schema, Identifier).ToString();
}
