namespace Wellhouse.Ingest;

/// <summary>The formats an upload may use, all in the raw contract (column names as in <see cref="RawProductionRow.Columns"/>).</summary>
internal enum UploadFormat
{
    Csv,
    Json,
    NdJson,
    Parquet,
}

internal static class UploadFormats
{
    /// <summary>From an explicit name (<c>?format=</c>), else the media type, else the file extension; null if unknown.</summary>
    public static UploadFormat? Detect(string? name, string? mediaType, string? fileName)
    {
        var key = (name ?? string.Empty).Trim().ToLowerInvariant();
        if (key.Length == 0 && mediaType is not null)
        {
            key = mediaType.Split(';')[0].Trim().ToLowerInvariant() switch
            {
                "text/csv" or "application/csv" => "csv",
                "application/json" => "json",
                "application/x-ndjson" or "application/ndjson" or "application/jsonl" => "ndjson",
                "application/vnd.apache.parquet" or "application/x-parquet" or "application/parquet" => "parquet",
                _ => string.Empty,
            };
        }

        if (key.Length == 0 && fileName is not null)
        {
            key = Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();
        }

        return key switch
        {
            "csv" => UploadFormat.Csv,
            "json" => UploadFormat.Json,
            "ndjson" or "jsonl" => UploadFormat.NdJson,
            "parquet" => UploadFormat.Parquet,
            _ => null,
        };
    }
}
