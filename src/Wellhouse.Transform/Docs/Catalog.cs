namespace Wellhouse.Transform.Docs;

/// <summary>
/// dbt's catalog (https://schemas.getdbt.com/dbt/catalog/v1.json): for every node and source whose relation exists in
/// the database, its type, columns and stats; relations that are not built are absent.
/// </summary>
internal sealed class Catalog
{
    public Dictionary<string, CatalogTable> Nodes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CatalogTable> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>The entry of a node or source, or null if its relation is not in the database.</summary>
    public CatalogTable? Find(string uniqueId) =>
        Nodes.TryGetValue(uniqueId, out var node) ? node : Sources.GetValueOrDefault(uniqueId);
}

/// <summary>One relation of the catalog: <c>metadata</c> {type, schema, name, database, comment, owner} and its columns.</summary>
internal sealed record CatalogTable(string UniqueId, string Type, string Database, string Schema, string Name, string? Comment, IReadOnlyList<CatalogColumn> Columns)
{
    /// <summary>The role owning the relation (PostgreSQL); null on DuckDB, which has none.</summary>
    public string? Owner { get; init; }
}

/// <summary>A column as the database reports it; <see cref="Index"/> is 1-based, as in dbt-duckdb's catalog.</summary>
internal sealed record CatalogColumn(string Name, string Type, int Index, string? Comment);
