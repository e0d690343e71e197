namespace Wellhouse.Ingest;

/// <summary>An accepted batch of the raw store: <c>raw/batches/&lt;id&gt;.json</c> beside its Parquet file.</summary>
internal sealed record BatchInfo
{
    /// <summary>The SHA-256 of the uploaded bytes, hex: the same content always gives the same batch.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string Format { get; init; }

    public string? SourceName { get; init; }

    public required long Rows { get; init; }

    /// <summary>Rows left out under <c>mode=skip-invalid</c>.</summary>
    public long SkippedRows { get; init; }

    public long Bytes { get; init; }
}

/// <summary>What an ingest did: the batch, whether it was already there, and the refused rows (the first 100).</summary>
internal sealed record IngestResult(BatchInfo Batch, bool Duplicate, IReadOnlyList<RowError> Errors);
