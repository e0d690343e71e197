using System.Text.Json;

namespace Wellhouse.Transform.Artifacts;

/// <summary>
/// What every dbt artifact file shares: the <c>metadata</c> object (dbt_schema_version, dbt_version, generated_at,
/// invocation_id, env) and being written to a temporary name, then renamed, so a reader never sees half a file.
/// </summary>
internal static class ArtifactJson
{
    /// <summary>Writes <paramref name="path"/> (indented JSON) through a temporary file in the same folder.</summary>
    public static void WriteFile(string path, Action<Utf8JsonWriter> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp-" + Environment.ProcessId;
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The <c>metadata</c> property; <paramref name="more"/> adds an artifact's own fields after <c>env</c>.</summary>
    public static void WriteMetadata(Utf8JsonWriter json, string schemaVersion, DateTimeOffset generatedAt, string invocationId, Action<Utf8JsonWriter>? more = null)
    {
        json.WriteStartObject("metadata");
        json.WriteString("dbt_schema_version", schemaVersion);
        json.WriteString("dbt_version", RunResultsWriter.DbtVersion);
        json.WriteString("generated_at", RunResultsWriter.Timestamp(generatedAt));
        json.WriteString("invocation_id", invocationId);
        json.WriteStartObject("env");
        json.WriteEndObject();
        more?.Invoke(json);
        json.WriteEndObject();
    }
}
