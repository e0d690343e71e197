using System.Text.Json;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Transform.Artifacts;

/// <summary>
/// manifest.json's <c>unit_tests</c> section (dbt's v12 <c>UnitTestDefinition</c>): model, given (input, rows, format,
/// fixture), expect, overrides, depends_on (the tested model), config (tags, meta, enabled), schema, fqn, checksum.
/// </summary>
public static partial class ManifestWriter
{
    private static void WriteUnitTests(Utf8JsonWriter json, Manifest manifest)
    {
        json.WritePropertyName("unit_tests");
        json.WriteStartObject();
        foreach (var node in manifest.Nodes.Values.Where(n => n.ResourceType == ResourceType.UnitTest).OrderBy(n => n.UniqueId, StringComparer.Ordinal))
        {
            var test = manifest.UnitTests[node.UniqueId];
            json.WritePropertyName(node.UniqueId);
            json.WriteStartObject();
            json.WriteString("model", test.Model);
            json.WritePropertyName("given");
            json.WriteStartArray();
            foreach (var input in test.Given)
            {
                json.WriteStartObject();
                json.WriteString("input", input.Input);
                WriteFixture(json, input);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WritePropertyName("expect");
            json.WriteStartObject();
            if (test.Expect is { } expect)
            {
                WriteFixture(json, expect);
            }

            json.WriteEndObject();
            json.WriteString("name", node.Name);
            json.WriteString("resource_type", "unit_test");
            json.WriteString("package_name", node.PackageName);
            json.WriteString("path", node.Path);
            json.WriteString("original_file_path", node.OriginalFilePath);
            json.WriteString("unique_id", node.UniqueId);
            WriteStrings(json, "fqn", node.Fqn);
            json.WriteString("description", node.Description);
            WriteOverrides(json, test);
            json.WritePropertyName("depends_on");
            json.WriteStartObject();
            WriteStrings(json, "macros", []);
            WriteStrings(json, "nodes", node.DependsOnNodes);
            json.WriteEndObject();
            json.WritePropertyName("config");
            WriteValue(json, node.Config.Values);
            json.WriteString("checksum", node.Checksum);
            json.WriteString("schema", node.Schema);
            json.WriteNull("versions");
            json.WriteNull("version");
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteFixture(Utf8JsonWriter json, UnitTestFixture fixture)
    {
        json.WritePropertyName("rows");
        if (fixture.Sql is { } sql)
        {
            json.WriteStringValue(sql);
        }
        else if (fixture.Rows is { } rows)
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                foreach (var cell in row.Cells)
                {
                    json.WritePropertyName(cell.Column);
                    WriteValue(json, cell.Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteString("format", fixture.Format.ToString().ToLowerInvariant());
        if (fixture.FixtureName is { } name)
        {
            json.WriteString("fixture", name);
        }
        else
        {
            json.WriteNull("fixture");
        }
    }

    private static void WriteOverrides(Utf8JsonWriter json, UnitTestDefinition test)
    {
        if (test.MacroOverrides.Count == 0 && test.VarOverrides.Count == 0 && test.EnvVarOverrides.Count == 0)
        {
            json.WriteNull("overrides");
            return;
        }

        json.WritePropertyName("overrides");
        json.WriteStartObject();
        json.WritePropertyName("macros");
        WriteValue(json, test.MacroOverrides);
        json.WritePropertyName("vars");
        WriteValue(json, test.VarOverrides);
        json.WritePropertyName("env_vars");
        WriteValue(json, test.EnvVarOverrides.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal));
        json.WriteEndObject();
    }
}
