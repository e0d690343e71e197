using System.Text.Json;
using Wellhouse.Transform.Execution.Freshness;

namespace Wellhouse.Transform.Artifacts;

/// <summary>
/// Writes sources.json in dbt's v3 shape (https://schemas.getdbt.com/dbt/sources/v3.json): metadata, one result per
/// checked source (unique_id, max_loaded_at, snapshotted_at, max_loaded_at_time_ago_in_s, status, criteria,
/// adapter_response, timing, thread_id, execution_time; for a runtime error unique_id, error and status) and
/// elapsed_time. Written to a temporary name and renamed.
/// </summary>
public static class SourcesJsonWriter
{
    public const string SchemaVersion = "https://schemas.getdbt.com/dbt/sources/v3.json";

    public static void Write(string path, IReadOnlyList<SourceFreshnessResult> results, string invocationId, DateTimeOffset startedAt, DateTimeOffset completedAt)
    {
        ArtifactJson.WriteFile(path, json =>
        {
            json.WriteStartObject();
            ArtifactJson.WriteMetadata(json, SchemaVersion, completedAt, invocationId);
            json.WriteStartArray("results");
            foreach (var result in results)
            {
                WriteResult(json, result);
            }

            json.WriteEndArray();
            json.WriteNumber("elapsed_time", (completedAt - startedAt).TotalSeconds);
            json.WriteEndObject();
        });
    }

    private static void WriteResult(Utf8JsonWriter json, SourceFreshnessResult result)
    {
        json.WriteStartObject();
        json.WriteString("unique_id", result.Source.UniqueId);
        if (result.Status == FreshnessStatus.RuntimeError)
        {
            json.WriteString("error", result.Error);
            json.WriteString("status", SourceFreshnessResult.StatusText(result.Status));
            json.WriteEndObject();
            return;
        }

        json.WriteString("max_loaded_at", RunResultsWriter.Timestamp(result.MaxLoadedAt!.Value));
        json.WriteString("snapshotted_at", RunResultsWriter.Timestamp(result.SnapshottedAt));
        json.WriteNumber("max_loaded_at_time_ago_in_s", result.AgeSeconds);
        json.WriteString("status", SourceFreshnessResult.StatusText(result.Status));
        json.WriteStartObject("criteria");
        WriteThreshold(json, "warn_after", result.Criteria?.WarnAfter);
        WriteThreshold(json, "error_after", result.Criteria?.ErrorAfter);
        if (result.Criteria?.Filter is { } filter)
        {
            json.WriteString("filter", filter);
        }
        else
        {
            json.WriteNull("filter");
        }

        json.WriteEndObject();
        json.WriteStartObject("adapter_response");
        json.WriteEndObject();
        json.WriteStartArray("timing");
        foreach (var phase in result.Timing)
        {
            json.WriteStartObject();
            json.WriteString("name", phase.Name);
            json.WriteString("started_at", RunResultsWriter.Timestamp(phase.StartedAt));
            json.WriteString("completed_at", RunResultsWriter.Timestamp(phase.CompletedAt));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("thread_id", result.ThreadId);
        json.WriteNumber("execution_time", result.ExecutionTime);
        json.WriteEndObject();
    }

    private static void WriteThreshold(Utf8JsonWriter json, string name, FreshnessThreshold? threshold)
    {
        json.WriteStartObject(name);
        if (threshold?.Count is { } count)
        {
            json.WriteNumber("count", count);
        }
        else
        {
            json.WriteNull("count");
        }

        if (threshold?.Period is { } period)
        {
            json.WriteString("period", period);
        }
        else
        {
            json.WriteNull("period");
        }

        json.WriteEndObject();
    }
}
