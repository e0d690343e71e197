using Wellhouse.Ingest;

namespace Wellhouse.Api.Responses;

/// <summary>An accepted batch of the raw store.</summary>
/// <param name="Id">SHA-256 of the uploaded bytes, hex: the same content always gives the same batch.</param>
/// <param name="ReceivedAt">When it was received, ISO 8601 with offset.</param>
/// <param name="Format">Upload format: csv, json, ndjson or parquet.</param>
/// <param name="SourceName">The source name given with the upload; null when none.</param>
/// <param name="Rows">Rows stored.</param>
/// <param name="SkippedRows">Rows left out under mode=skip-invalid.</param>
/// <param name="Bytes">Size of the upload, bytes.</param>
internal sealed record BatchResponse(string Id, DateTimeOffset ReceivedAt, string Format, string? SourceName, long Rows,
    long SkippedRows, long Bytes)
{
    public static BatchResponse From(BatchInfo batch) =>
        new(batch.Id, batch.ReceivedAt, batch.Format, batch.SourceName, batch.Rows, batch.SkippedRows, batch.Bytes);
}

/// <summary>Accepted batches, oldest first.</summary>
/// <param name="Items">The batches.</param>
internal sealed record BatchListResponse(IReadOnlyList<BatchResponse> Items);

/// <summary>A refused row of an upload.</summary>
/// <param name="Row">Data row of the upload, 1-based (a CSV's header is not a row).</param>
/// <param name="Line">Line of the file where the row starts, 1-based (a CSV's header is line 1); null for JSON arrays
/// and Parquet, which have no lines.</param>
/// <param name="Column">The column at fault; null when the row as a whole is.</param>
/// <param name="Reason">What is wrong.</param>
internal sealed record RowErrorResponse(long Row, long? Line, string? Column, string Reason)
{
    public static RowErrorResponse From(RowError error) => new(error.Row, error.Line, error.Column, error.Reason);
}

/// <summary>The answer to an accepted (201) or repeated (200) upload.</summary>
/// <param name="Batch">The batch stored (or already stored).</param>
/// <param name="Duplicate">True when this content was already ingested: nothing changed.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="SkippedErrors">Rows refused under mode=skip-invalid (the first 100).</param>
internal sealed record IngestResponse(BatchResponse Batch, bool Duplicate, string Message, IReadOnlyList<RowErrorResponse> SkippedErrors)
{
    public static IngestResponse From(IngestOutcome outcome) => new(
        BatchResponse.From(outcome.Result!.Batch),
        outcome.Result.Duplicate,
        outcome.Result.Duplicate ? "this content was already ingested; nothing changed"
            : $"accepted {outcome.Result.Batch.Rows} rows" + (outcome.Message is null ? string.Empty : $" (skipped {outcome.InvalidRows}: {outcome.Message})"),
        outcome.Result.Errors.Select(RowErrorResponse.From).ToList());
}
