namespace Wellhouse.Transform.Graph;

/// <summary>A column as documented in a schema .yml file.</summary>
public sealed class ColumnInfo
{
    public required string Name { get; init; }

    public string Description { get; set; } = string.Empty;

    public string? DataType { get; set; }

    public Dictionary<string, object?> Meta { get; } = new(StringComparer.Ordinal);

    public List<string> Tags { get; } = [];

    /// <summary>The column's <c>constraints:</c> (added to the table's DDL when the contract is enforced).</summary>
    public List<Constraint> Constraints { get; } = [];
}
