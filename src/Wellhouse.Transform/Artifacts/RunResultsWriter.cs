using System.Globalization;
using System.Text.Json;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Artifacts;

/// <summary>
/// Writes run_results.json in dbt's v6 shape (https://schemas.getdbt.com/dbt/run-results/v6.json): metadata, one
/// result per node (status, timing, thread_id, execution_time, adapter_response, message, failures, unique_id,
/// compiled, compiled_code, relation_name), elapsed_time and args. Written to a temporary name and renamed, so a
/// reader never sees half a file.
/// </summary>
public static class RunResultsWriter
{
    public const string SchemaVersion = "https://schemas.getdbt.com/dbt/run-results/v6.json";

    /// <summary>The dbt version the artifacts claim to be compatible with.</summary>
    public const string DbtVersion = "1.10.8";

    public static void Write(string path, RunOutcome outcome, string invocationId, IReadOnlyDictionary<string, object?> args)
    {
        ArtifactJson.WriteFile(path, json =>
        {
            json.WriteStartObject();
            ArtifactJson.WriteMetadata(json, SchemaVersion, outcome.CompletedAt, invocationId);
            json.WriteStartArray("results");
            foreach (var result in outcome.Results)
            {
                WriteResult(json, result);
            }

            json.WriteEndArray();
            json.WriteNumber("elapsed_time", outcome.ElapsedSeconds);
            json.WritePropertyName("args");
            WriteValue(json, args);
            json.WriteEndObject();
        });
    }

    private static void WriteResult(Utf8JsonWriter json, NodeResult result)
    {
        json.WriteStartObject();
        json.WriteString("status", result.Status.ToDbtString());
        json.WriteStartArray("timing");
        foreach (var phase in result.Timing)
        {
            json.WriteStartObject();
            json.WriteString("name", phase.Name);
            json.WriteString("started_at", Timestamp(phase.StartedAt));
            json.WriteString("completed_at", Timestamp(phase.CompletedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("thread_id", result.ThreadId);
        json.WriteNumber("execution_time", result.ExecutionTime);
        json.WritePropertyName("adapter_response");
        WriteValue(json, result.AdapterResponse);
        WriteNullableString(json, "message", result.Message);
        if (result.Failures is { } failures)
        {
            json.WriteNumber("failures", failures);
        }
        else
        {
            json.WriteNull("failures");
        }

        json.WriteString("unique_id", result.Node.UniqueId);
        json.WriteBoolean("compiled", result.CompiledCode is not null);
        WriteNullableString(json, "compiled_code", result.CompiledCode);
        WriteNullableString(json, "relation_name", result.RelationName);
        json.WriteStartArray("batch_results");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    internal static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case long or int:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                json.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, item);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                json.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>dbt's timestamp format: ISO 8601 with microseconds and a Z.</summary>
    internal static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
