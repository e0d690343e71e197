using System.Text.Json;
using Wellhouse.Transform.Artifacts;

namespace Wellhouse.Transform.Docs;

/// <summary>
/// Writes catalog.json in dbt's v1 shape (https://schemas.getdbt.com/dbt/catalog/v1.json): <c>metadata</c>, then
/// <c>nodes</c> and <c>sources</c> keyed by unique id, each with <c>metadata</c> {type, schema, name, database, comment,
/// owner}, <c>columns</c> {name: {type, index, name, comment}}, <c>stats</c> (dbt's lone <c>has_stats</c> entry when the
/// adapter reports none) and <c>unique_id</c>; <c>errors</c> null. Written to a temporary name and renamed.
/// </summary>
internal static class CatalogWriter
{
    public const string SchemaVersion = "https://schemas.getdbt.com/dbt/catalog/v1.json";

    public static void Write(Catalog catalog, string path, string invocationId, DateTimeOffset generatedAt) =>
        ArtifactJson.WriteFile(path, json =>
        {
            json.WriteStartObject();
            ArtifactJson.WriteMetadata(json, SchemaVersion, generatedAt, invocationId);
            WriteTables(json, "nodes", catalog.Nodes);
            WriteTables(json, "sources", catalog.Sources);
            json.WriteNull("errors");
            json.WriteEndObject();
        });

    private static void WriteTables(Utf8JsonWriter json, string name, Dictionary<string, CatalogTable> tables)
    {
        json.WriteStartObject(name);
        foreach (var table in tables.Values.OrderBy(t => t.UniqueId, StringComparer.Ordinal))
        {
            json.WriteStartObject(table.UniqueId);
            json.WriteStartObject("metadata");
            json.WriteString("type", table.Type);
            json.WriteString("schema", table.Schema);
            json.WriteString("name", table.Name);
            json.WriteString("database", table.Database);
            json.WriteString("comment", table.Comment);
            json.WriteString("owner", table.Owner);
            json.WriteEndObject();
            json.WriteStartObject("columns");
            foreach (var column in table.Columns)
            {
                json.WriteStartObject(column.Name);
                json.WriteString("type", column.Type);
                json.WriteNumber("index", column.Index);
                json.WriteString("name", column.Name);
                json.WriteString("comment", column.Comment);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("stats");
            json.WriteStartObject("has_stats");
            json.WriteString("id", "has_stats");
            json.WriteString("label", "Has Stats?");
            json.WriteBoolean("value", false);
            json.WriteString("description", "Indicates whether there are statistics for this table");
            json.WriteBoolean("include", false);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("unique_id", table.UniqueId);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
