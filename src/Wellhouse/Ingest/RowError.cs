namespace Wellhouse.Ingest;

/// <summary>
/// One reason a row of an upload was refused: the row (1-based, data rows only: the header is not a row), the column,
/// and why. <see cref="Line"/> is the line of the file where the row starts (1-based, the header of a CSV is line 1),
/// for the formats that have lines (CSV, NDJSON); a quoted CSV field may span lines, so a row's line is not its
/// number plus one.
/// </summary>
internal sealed record RowError(long Row, string? Column, string Reason)
{
    public long? Line { get; init; }

    /// <summary>"row 3 (line 5)", or "row 3" where the format has no lines.</summary>
    public string Where => Locate(Row, Line);

    /// <summary>How every ingest message names a place in an upload: "row 3 (line 5)", or "row 3".</summary>
    public static string Locate(long row, long? line) => line is { } at ? $"row {row} (line {at})" : $"row {row}";
}

/// <summary>The upload cannot be read at all (not CSV/JSON/Parquet, a bad header): a 400, not row errors.</summary>
internal sealed class MalformedUploadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The upload is over a limit that only reading finds (its rows): a 413.</summary>
internal sealed class UploadTooLargeException(string message) : Exception(message);
