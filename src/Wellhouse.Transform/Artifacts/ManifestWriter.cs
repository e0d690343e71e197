using System.Text.Json;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Artifacts;

/// <summary>
/// Writes manifest.json in dbt's v12 shape (https://schemas.getdbt.com/dbt/manifest/v12.json): metadata, nodes,
/// sources, macros, docs, exposures, groups, selectors, metrics, semantic models, saved queries, unit_tests, disabled, parent_map, child_map and group_map. The file is written to
/// a temporary name and moved into place, so readers never see half a file.
/// </summary>
public static partial class ManifestWriter
{
    public const string SchemaVersion = "https://schemas.getdbt.com/dbt/manifest/v12.json";

    public static void Write(LoadedProject project, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        using (var stream = File.Create(temporary))
        {
            Write(project, stream);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static void Write(LoadedProject project, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        var manifest = project.Manifest;
        json.WriteStartObject();
        WriteMetadata(json, project);
        json.WritePropertyName("nodes");
        json.WriteStartObject();
        foreach (var node in manifest.Nodes.Values.Where(n => n.ResourceType != Graph.ResourceType.UnitTest).OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            json.WritePropertyName(node.UniqueId);
            WriteNode(json, project, node);
        }

        json.WriteEndObject();
        json.WritePropertyName("sources");
        json.WriteStartObject();
        foreach (var source in manifest.Sources.Values.OrderBy(s => s.UniqueId, StringComparer.Ordinal))
        {
            json.WritePropertyName(source.UniqueId);
            WriteSource(json, project, source);
        }

        json.WriteEndObject();
        WriteMacros(json, manifest);
        WriteDocs(json, manifest);
        json.WritePropertyName("exposures");
        WriteValue(json, manifest.Exposures.Values.OrderBy(e => e.UniqueId, StringComparer.Ordinal).ToDictionary(e => e.UniqueId, e => (object?)e.ToManifest(), StringComparer.Ordinal));
        json.WritePropertyName("selectors");
        WriteValue(json, project.Selectors.Values.ToDictionary(s => s.Name, s => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = s.Name,
            ["description"] = s.Description,
            ["definition"] = s.Definition,
            ["default"] = s.IsDefault,
        }, StringComparer.Ordinal));
        WriteSemantic(json, "metrics", manifest.Metrics);
        json.WritePropertyName("groups");
        WriteValue(json, manifest.Groups.Values.OrderBy(g => g.UniqueId, StringComparer.Ordinal).ToDictionary(g => g.UniqueId, g => (object?)g.ToManifest(), StringComparer.Ordinal));

        json.WritePropertyName("disabled");
        json.WriteStartObject();
        foreach (var node in manifest.Disabled.Values.OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            json.WritePropertyName(node.UniqueId);
            json.WriteStartArray();
            WriteNode(json, project, node);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        WriteMap(json, "parent_map", manifest.ParentMap);
        WriteMap(json, "child_map", manifest.ChildMap);
        WriteUnitTests(json, manifest);
        json.WritePropertyName("group_map");
        WriteValue(json, manifest.Groups.Values.Select(g => g.Name).Distinct().Order(StringComparer.Ordinal).ToDictionary(
            name => name,
            name => (object?)manifest.Nodes.Values.Where(n => n.Group == name).Select(n => (object?)n.UniqueId).ToList(),
            StringComparer.Ordinal));
        WriteSemantic(json, "saved_queries", manifest.SavedQueries);
        WriteSemantic(json, "semantic_models", manifest.SemanticModels);

        json.WriteEndObject();
    }

    private static void WriteSemantic(Utf8JsonWriter json, string name, Dictionary<string, Graph.SemanticResource> resources)
    {
        json.WritePropertyName(name);
        WriteValue(json, resources.Values.OrderBy(r => r.UniqueId, StringComparer.Ordinal).ToDictionary(r => r.UniqueId, r => (object?)r.ToManifest(), StringComparer.Ordinal));
    }

    private static void WriteMetadata(Utf8JsonWriter json, LoadedProject project) =>
        ArtifactJson.WriteMetadata(json, SchemaVersion, new DateTimeOffset(DateTime.SpecifyKind(project.RunStartedAt, DateTimeKind.Utc)), project.InvocationId, more =>
        {
            more.WriteString("project_name", project.Name);
            more.WriteString("project_id", GenericTestNames.Md5(project.Name));
            more.WriteNull("user_id");
            more.WriteBoolean("send_anonymous_usage_stats", false);
            more.WriteString("adapter_type", project.Target.Type);
        });

    private static void WriteMap(Utf8JsonWriter json, string name, Dictionary<string, List<string>> map)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        foreach (var (key, values) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WritePropertyName(key);
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    /// <summary>A plain value (null, bool, long, double, string, list, dict, or anything else as its string).</summary>
    internal static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case int i:
                json.WriteNumberValue(i);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case IDictionary<string, object?> dict:
                json.WriteStartObject();
                foreach (var (key, item) in dict)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, item);
                }

                json.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }
}
