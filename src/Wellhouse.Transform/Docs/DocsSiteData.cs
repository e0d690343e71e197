using System.Text.Json;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Docs;

/// <summary>
/// The data the docs site shows, taken from the manifest and the catalog and written as one compact JSON object
/// inlined into index.html: the project name, and one entry per model, seed, test, source and exposure with its
/// description, columns (yml description and tests, catalog type), SQL, dependencies and relation (an exposure: its
/// type, owner, maturity and URL). Children are derived in the page.
/// </summary>
internal static class DocsSiteData
{
    public static void Write(Utf8JsonWriter json, LoadedProject project, Catalog catalog, DateTimeOffset generatedAt)
    {
        var manifest = project.Manifest;
        var testsByNode = manifest.Nodes.Values
            .Where(n => n.ResourceType is ResourceType.Test or ResourceType.UnitTest)
            .SelectMany(t => TestedNodes(t).Select(target => (Target: target, Test: t)))
            .ToLookup(p => p.Target, p => p.Test, StringComparer.Ordinal);

        json.WriteStartObject();
        json.WriteString("project", project.Name);
        json.WriteString("generated_at", generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("nodes");
        foreach (var node in manifest.Nodes.Values.OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            WriteNode(json, node, catalog.Find(node.UniqueId), testsByNode[node.UniqueId]);
        }

        foreach (var source in manifest.Sources.Values.OrderBy(s => s.UniqueId, StringComparer.Ordinal))
        {
            WriteSource(json, source, catalog.Find(source.UniqueId), testsByNode[source.UniqueId]);
        }

        foreach (var exposure in manifest.Exposures.Values.OrderBy(e => e.UniqueId, StringComparer.Ordinal))
        {
            WriteExposure(json, exposure);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>What a test tests: its attached node, else (singular tests) every node it depends on.</summary>
    private static IEnumerable<string> TestedNodes(Node test) =>
        test.AttachedNode is { } attached ? [attached] : test.DependsOnNodes;

    private static void WriteNode(Utf8JsonWriter json, Node node, CatalogTable? table, IEnumerable<Node> tests)
    {
        json.WriteStartObject();
        json.WriteString("id", node.UniqueId);
        // The page shows unit tests as tests of their model (type "test", kind "unit"), outside the lineage graph.
        var isTest = node.ResourceType is ResourceType.Test or ResourceType.UnitTest;
        json.WriteString("type", isTest ? "test" : node.ResourceType.ToDbtString());
        json.WriteString("name", node.Name);
        json.WriteString("file", node.OriginalFilePath);
        WriteStrings(json, "fqn", node.Fqn);
        json.WriteString("lang", node.Language);
        json.WriteString("desc", node.Description);
        WriteStrings(json, "tags", node.Config.Tags);
        WriteStrings(json, "deps", node.DependsOnNodes);
        if (isTest)
        {
            json.WriteString("test", node.ResourceType == ResourceType.UnitTest ? "unit" : node.TestMetadata?.Name ?? "singular");
            json.WriteString("column", node.ColumnName);
            json.WriteString("attached", node.AttachedNode ?? (node.ResourceType == ResourceType.UnitTest ? node.DependsOnNodes.FirstOrDefault() : null));
            json.WriteString("severity", node.Config.Severity);
        }
        else
        {
            json.WriteString("mat", node.ResourceType == ResourceType.Seed ? "seed" : node.Config.Materialized);
            if (!node.IsEphemeral)
            {
                json.WriteString("rel", node.Relation.ToString());
            }
        }

        if (node.ResourceType != ResourceType.Seed)
        {
            json.WriteString("raw", node.RawCode);
            json.WriteString("compiled", node.CompiledCode);
        }

        WriteRelation(json, table);
        WriteColumns(json, node.Columns, table, tests);
        json.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter json, SourceDefinition source, CatalogTable? table, IEnumerable<Node> tests)
    {
        json.WriteStartObject();
        json.WriteString("id", source.UniqueId);
        json.WriteString("type", "source");
        json.WriteString("name", source.SourceName + "." + source.Name);
        json.WriteString("file", source.OriginalFilePath);
        WriteStrings(json, "fqn", source.Fqn);
        json.WriteString("desc", source.Description.Length > 0 ? source.Description : source.SourceDescription);
        WriteStrings(json, "tags", source.Config.Tags);
        WriteStrings(json, "deps", []);
        json.WriteString("rel", source.RenderReference());
        if (source.Loader is { Length: > 0 } loader)
        {
            json.WriteString("loader", loader);
        }

        WriteRelation(json, table);
        WriteColumns(json, source.Columns, table, tests);
        json.WriteEndObject();
    }

    private static void WriteExposure(Utf8JsonWriter json, ExposureDefinition exposure)
    {
        json.WriteStartObject();
        json.WriteString("id", exposure.UniqueId);
        json.WriteString("type", "exposure");
        json.WriteString("name", exposure.Label is { Length: > 0 } label ? label : exposure.Name);
        json.WriteString("file", exposure.OriginalFilePath);
        WriteStrings(json, "fqn", [exposure.PackageName, exposure.Name]);
        json.WriteString("desc", exposure.Description);
        WriteStrings(json, "tags", exposure.Tags);
        WriteStrings(json, "deps", exposure.DependsOnNodes);
        json.WriteString("kind", exposure.Type);
        var owner = exposure.Owner.GetValueOrDefault("name") as string;
        var email = exposure.Owner.GetValueOrDefault("email") as string;
        json.WriteString("owner", owner is null ? email : email is null ? owner : $"{owner} <{email}>");
        json.WriteString("maturity", exposure.Maturity);
        json.WriteString("url", exposure.Url);
        json.WriteStartArray("columns");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRelation(Utf8JsonWriter json, CatalogTable? table)
    {
        if (table is not null)
        {
            json.WriteString("dbtype", table.Type);
        }
    }

    /// <summary>The columns the catalog reports, in table order, then those only documented in yml; each with its tests.</summary>
    private static void WriteColumns(Utf8JsonWriter json, Dictionary<string, ColumnInfo> documented, CatalogTable? table, IEnumerable<Node> tests)
    {
        var byColumn = tests.Where(t => t.ColumnName is not null).ToLookup(t => t.ColumnName!, StringComparer.OrdinalIgnoreCase);
        var documentedByName = documented.Values.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var names = (table?.Columns.Select(c => c.Name) ?? []).ToList();
        names.AddRange(documented.Keys.Where(k => !names.Contains(k, StringComparer.OrdinalIgnoreCase)));
        json.WriteStartArray("columns");
        foreach (var name in names)
        {
            var info = documentedByName.GetValueOrDefault(name);
            var type = table?.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Type ?? info?.DataType;
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("type", type);
            json.WriteString("desc", info?.Description ?? string.Empty);
            json.WriteStartArray("tests");
            foreach (var test in byColumn[name].OrderBy(t => t.UniqueId, StringComparer.Ordinal))
            {
                json.WriteStringValue(test.UniqueId);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
