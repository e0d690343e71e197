using System.Text.Json;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Artifacts;

/// <summary>Sources, macros and docs entries of manifest.json.</summary>
public static partial class ManifestWriter
{
    private static void WriteSource(Utf8JsonWriter json, LoadedProject project, SourceDefinition source)
    {
        json.WriteStartObject();
        json.WriteString("database", source.Database);
        json.WriteString("schema", source.Schema);
        json.WriteString("name", source.Name);
        json.WriteString("resource_type", "source");
        json.WriteString("package_name", source.PackageName);
        json.WriteString("path", source.OriginalFilePath);
        json.WriteString("original_file_path", source.OriginalFilePath);
        json.WriteString("unique_id", source.UniqueId);
        WriteStrings(json, "fqn", source.Fqn);
        json.WriteString("source_name", source.SourceName);
        json.WriteString("source_description", source.SourceDescription);
        json.WriteString("loader", source.Loader ?? string.Empty);
        json.WriteString("identifier", source.Identifier);
        json.WritePropertyName("quoting");
        json.WriteStartObject();
        json.WriteNull("database");
        json.WriteNull("schema");
        json.WriteNull("identifier");
        json.WriteNull("column");
        json.WriteEndObject();
        json.WriteString("loaded_at_field", source.LoadedAtField);
        json.WritePropertyName("freshness");
        WriteValue(json, source.Config.Values.GetValueOrDefault("freshness"));
        json.WritePropertyName("external");
        WriteValue(json, source.ExternalLocation is null ? null : new Dictionary<string, object?> { ["location"] = source.ExternalLocation });
        json.WriteString("description", source.Description);
        WriteColumns(json, source.Columns.Values);
        json.WritePropertyName("meta");
        WriteValue(json, source.Meta);
        json.WritePropertyName("source_meta");
        json.WriteStartObject();
        json.WriteEndObject();
        WriteStrings(json, "tags", source.Config.Tags);
        json.WritePropertyName("config");
        WriteValue(json, SourceConfigForManifest(source));
        json.WriteNull("patch_path");
        json.WritePropertyName("unrendered_config");
        json.WriteStartObject();
        json.WriteEndObject();
        json.WriteString("relation_name", source.RenderReference());
        json.WriteNumber("created_at", new DateTimeOffset(project.RunStartedAt).ToUnixTimeMilliseconds() / 1000.0);
        json.WriteEndObject();
    }

    /// <summary>A source's config as written to manifest.json (and compared by <c>state:modified</c>).</summary>
    internal static Dictionary<string, object?> SourceConfigForManifest(SourceDefinition source)
    {
        var config = new Dictionary<string, object?>(source.Config.Values, StringComparer.Ordinal);
        config.TryAdd("enabled", true);
        return config;
    }

    private static void WriteMacros(Utf8JsonWriter json, Manifest manifest)
    {
        json.WritePropertyName("macros");
        json.WriteStartObject();
        foreach (var macro in manifest.Macros.Values.OrderBy(m => m.UniqueId, StringComparer.Ordinal))
        {
            json.WritePropertyName(macro.UniqueId);
            json.WriteStartObject();
            json.WriteString("name", macro.Name);
            json.WriteString("resource_type", "macro");
            json.WriteString("package_name", macro.PackageName);
            json.WriteString("path", macro.OriginalFilePath);
            json.WriteString("original_file_path", macro.OriginalFilePath);
            json.WriteString("unique_id", macro.UniqueId);
            json.WriteString("macro_sql", macro.MacroSql);
            json.WritePropertyName("depends_on");
            json.WriteStartObject();
            WriteStrings(json, "macros", []);
            json.WriteEndObject();
            json.WriteString("description", macro.Description);
            json.WritePropertyName("meta");
            WriteValue(json, macro.Meta);
            json.WritePropertyName("docs");
            WriteValue(json, new Dictionary<string, object?> { ["show"] = true, ["node_color"] = null });
            json.WriteString("patch_path", macro.PatchPath);
            json.WritePropertyName("arguments");
            json.WriteStartArray();
            json.WriteEndArray();
            json.WriteNumber("created_at", 0);
            json.WriteNull("supported_languages");
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteDocs(Utf8JsonWriter json, Manifest manifest)
    {
        json.WritePropertyName("docs");
        json.WriteStartObject();
        foreach (var doc in manifest.Docs.Values.OrderBy(d => d.UniqueId, StringComparer.Ordinal))
        {
            json.WritePropertyName(doc.UniqueId);
            json.WriteStartObject();
            json.WriteString("name", doc.Name);
            json.WriteString("resource_type", "doc");
            json.WriteString("package_name", doc.PackageName);
            json.WriteString("path", doc.OriginalFilePath);
            json.WriteString("original_file_path", doc.OriginalFilePath);
            json.WriteString("unique_id", doc.UniqueId);
            json.WriteString("block_contents", doc.BlockContents);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
