namespace Wellhouse.Ingest;

/// <summary>One reason a row of an upload was refused: the row (1-based, data rows only), the column, and why.</summary>
internal sealed record RowError(long Row, string? Column, string Reason);

/// <summary>The upload cannot be read at all (not CSV/JSON/Parquet, a bad header): a 400, not row errors.</summary>
internal sealed class MalformedUploadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The upload is over a limit that only reading finds (its rows): a 413.</summary>
internal sealed class UploadTooLargeException(string message) : Exception(message);
