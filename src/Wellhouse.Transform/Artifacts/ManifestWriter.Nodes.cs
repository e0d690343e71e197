using System.Text.Json;
using Wellhouse.Transform.Graph;
using Wellhouse.Transform.Project;

namespace Wellhouse.Transform.Artifacts;

/// <summary>Node, source, macro and doc entries with the fields of dbt's v12 manifest.</summary>
public static partial class ManifestWriter
{
    private static void WriteNode(Utf8JsonWriter json, LoadedProject project, Node node)
    {
        json.WriteStartObject();
        json.WriteString("database", node.Database);
        json.WriteString("schema", node.Schema);
        json.WriteString("name", node.Name);
        json.WriteString("resource_type", node.ResourceType.ToDbtString());
        json.WriteString("package_name", node.PackageName);
        json.WriteString("path", node.Path);
        json.WriteString("original_file_path", node.OriginalFilePath);
        json.WriteString("unique_id", node.UniqueId);
        WriteStrings(json, "fqn", node.Fqn);
        json.WriteString("alias", node.Alias);
        json.WritePropertyName("checksum");
        json.WriteStartObject();
        json.WriteString("name", node.Checksum.Length > 0 ? "sha256" : "none");
        json.WriteString("checksum", node.Checksum);
        json.WriteEndObject();
        json.WritePropertyName("config");
        WriteValue(json, ConfigForManifest(node));
        WriteStrings(json, "tags", node.Config.Tags);
        json.WriteString("description", node.Description);
        WriteColumns(json, node.Columns.Values);
        json.WritePropertyName("meta");
        WriteValue(json, node.Meta);
        json.WriteString("group", node.Group);
        json.WritePropertyName("docs");
        WriteValue(json, node.Config.Values.GetValueOrDefault("docs") ?? new Dictionary<string, object?> { ["show"] = true, ["node_color"] = null });
        if (node.PatchPath is null)
        {
            json.WriteNull("patch_path");
        }
        else
        {
            json.WriteString("patch_path", node.PatchPath);
        }

        json.WriteNull("build_path");
        json.WritePropertyName("unrendered_config");
        json.WriteStartObject();
        json.WriteEndObject();
        json.WriteNumber("created_at", new DateTimeOffset(project.RunStartedAt).ToUnixTimeMilliseconds() / 1000.0);
        if (node.ResourceType is ResourceType.Model or ResourceType.Seed or ResourceType.Snapshot || (node.ResourceType == ResourceType.Test && node.Config.StoreFailures))
        {
            json.WriteString("relation_name", node.IsEphemeral ? null : node.Relation.ToString());
        }
        else
        {
            json.WriteNull("relation_name");
        }

        json.WriteString("raw_code", node.RawCode);
        json.WriteString("language", node.Language == "csharp" ? "csharp" : "sql");
        if (node.ResourceType == ResourceType.Seed)
        {
            json.WriteString("root_path", project.ProjectDir);
            WriteDependsOn(json, node, macrosOnly: true);
        }
        else
        {
            WriteRefs(json, node);
            json.WritePropertyName("sources");
            WriteValue(json, node.Sources.Select(s => (object?)s.Cast<object?>().ToList()).ToList());
            json.WritePropertyName("metrics");
            json.WriteStartArray();
            json.WriteEndArray();
            WriteDependsOn(json, node, macrosOnly: false);
            json.WriteString("compiled_path", node.CompiledCode is null ? null : $"{project.ProjectFile.TargetPath}/compiled/{node.CompiledRelativePath}");
            json.WriteBoolean("compiled", node.CompiledCode is not null);
            json.WriteString("compiled_code", node.CompiledCode);
            json.WriteBoolean("extra_ctes_injected", node.CompiledCode is not null);
            json.WritePropertyName("extra_ctes");
            json.WriteStartArray();
            json.WriteEndArray();
            json.WritePropertyName("contract");
            json.WriteStartObject();
            json.WriteBoolean("enforced", Execution.ContractCheck.IsEnforced(node));
            json.WriteBoolean("alias_types", true);
            json.WriteNull("checksum");
            json.WriteEndObject();
        }

        if (node.ResourceType == ResourceType.Model)
        {
            json.WriteString("access", node.Access);
            json.WritePropertyName("constraints");
            WriteValue(json, node.Constraints.Select(c => (object?)c.ToManifest(modelLevel: true)).ToList());
            json.WritePropertyName("version");
            WriteValue(json, node.Version);
            json.WritePropertyName("latest_version");
            WriteValue(json, node.LatestVersion);
            if (node.DeprecationDate is { } deprecation)
            {
                json.WriteString("deprecation_date", deprecation.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                json.WriteNull("deprecation_date");
            }
            json.WritePropertyName("primary_key");
            json.WriteStartArray();
            json.WriteEndArray();
            json.WritePropertyName("time_spine");
            WriteValue(json, node.TimeSpine);
        }

        if (node.TestMetadata is { } test)
        {
            json.WritePropertyName("test_metadata");
            json.WriteStartObject();
            json.WriteString("name", test.Name);
            json.WritePropertyName("kwargs");
            WriteValue(json, test.Kwargs);
            json.WriteString("namespace", test.Namespace);
            json.WriteEndObject();
            json.WriteString("column_name", node.ColumnName);
            json.WriteString("file_key_name", node.AttachedNode is null ? "sources." + (node.Sources.FirstOrDefault()?[0] ?? string.Empty) : "models." + (node.Refs.FirstOrDefault()?.Name ?? string.Empty));
            json.WriteString("attached_node", node.AttachedNode);
        }

        json.WriteEndObject();
    }

    /// <summary>The node's config as dbt writes it: every key, with the usual defaults present.</summary>
    internal static Dictionary<string, object?> ConfigForManifest(Node node)
    {
        var config = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["enabled"] = node.Config.Enabled,
            ["alias"] = node.Config.Alias,
            ["schema"] = node.Config.Schema,
            ["database"] = node.Config.Database,
            ["tags"] = node.Config.Tags.Cast<object?>().ToList(),
            ["meta"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            ["materialized"] = node.Config.Materialized,
        };
        if (node.ResourceType != ResourceType.Test)
        {
            config["persist_docs"] = new Dictionary<string, object?>(StringComparer.Ordinal);
            config["quoting"] = new Dictionary<string, object?>(StringComparer.Ordinal);
            config["column_types"] = new Dictionary<string, object?>(StringComparer.Ordinal);
            config["full_refresh"] = null;
            config["on_schema_change"] = "ignore";
            config["on_configuration_change"] = "apply";
            config["incremental_strategy"] = null;
            config["unique_key"] = null;
            config["post-hook"] = new List<object?>();
            config["pre-hook"] = new List<object?>();
        }

        foreach (var (key, value) in node.Config.Values)
        {
            config[key] = value;
        }

        if (node.ResourceType != ResourceType.Test)
        {
            config["pre-hook"] = node.Config.PreHooks.Select(h => (object?)h.ToManifest()).ToList();
            config["post-hook"] = node.Config.PostHooks.Select(h => (object?)h.ToManifest()).ToList();
        }

        return config;
    }

    private static void WriteColumns(Utf8JsonWriter json, IEnumerable<ColumnInfo> columns)
    {
        json.WritePropertyName("columns");
        json.WriteStartObject();
        foreach (var column in columns)
        {
            json.WritePropertyName(column.Name);
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteString("description", column.Description);
            json.WritePropertyName("meta");
            WriteValue(json, column.Meta);
            json.WriteString("data_type", column.DataType);
            json.WritePropertyName("constraints");
            WriteValue(json, column.Constraints.Select(c => (object?)c.ToManifest(modelLevel: false)).ToList());
            json.WriteNull("quote");
            WriteStrings(json, "tags", column.Tags);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteRefs(Utf8JsonWriter json, Node node)
    {
        json.WritePropertyName("refs");
        json.WriteStartArray();
        foreach (var reference in node.Refs)
        {
            json.WriteStartObject();
            json.WriteString("name", reference.Name);
            json.WriteString("package", reference.Package);
            json.WriteString("version", reference.Version);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteDependsOn(Utf8JsonWriter json, Node node, bool macrosOnly)
    {
        json.WritePropertyName("depends_on");
        json.WriteStartObject();
        WriteStrings(json, "macros", node.DependsOnMacros);
        if (!macrosOnly)
        {
            WriteStrings(json, "nodes", node.DependsOnNodes);
        }

        json.WriteEndObject();
    }

    internal static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
