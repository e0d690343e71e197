using System.Text;

namespace Wellhouse.Ingest;

/// <summary>
/// Reads a spooled upload row by row in any supported format, validates each row with <see cref="RawRowParser"/>, and
/// hands valid rows to a <see cref="BatchWriter"/>. Keeps the first <see cref="MaxReportedErrors"/> errors and counts
/// the rest. Throws <see cref="MalformedUploadException"/> when the file cannot be read as the format at all, and
/// <see cref="UploadTooLargeException"/> past <paramref name="maxRows"/> rows (counted as they are read, and for
/// Parquet from the file's footer before any row is decompressed).
/// </summary>
/// <param name="receivedAt">The upload's time: created_at and updated_at of rows without them.</param>
/// <param name="knownSources">The data sources a row may name (null: not checked).</param>
/// <param name="maxRows">The most rows an upload may hold.</param>
/// <param name="bulk">Whether a Parquet file whose rows are all valid is copied by SQL (<see cref="ParquetBulkCheck"/>); the
/// tests turn it off to compare both ways.</param>
internal sealed partial class UploadReader(DateTime receivedAt, IReadOnlySet<string>? knownSources = null, long maxRows = long.MaxValue, bool bulk = true)
{
    public const int MaxReportedErrors = 100;

    private readonly RawRowParser _parser = new(receivedAt, knownSources);
    private readonly List<RowError> _rowErrors = [];

    public List<RowError> Errors { get; } = [];

    public long InvalidRows { get; private set; }

    public long TotalRows { get; private set; }

    /// <summary>Whether the rows were checked and copied by SQL (<see cref="ParquetBulkCheck"/>), not read one by one.</summary>
    public bool CopiedInBulk { get; private set; }

    /// <summary>Rows refused because their data_source is not in the list of known sources.</summary>
    public long UnknownSourceRows => _parser.UnknownSourceRows;

    public void Read(string path, UploadFormat format, BatchWriter writer)
    {
        switch (format)
        {
            case UploadFormat.Csv:
                ReadCsv(path, writer);
                break;
            case UploadFormat.Json:
                ReadJsonArray(path, writer);
                break;
            case UploadFormat.NdJson:
                ReadNdJson(path, writer);
                break;
            case UploadFormat.Parquet:
                ReadParquet(path, writer);
                break;
            default:
                throw new MalformedUploadException($"unsupported format {format}");
        }
    }

    /// <summary>
    /// Text uploads are UTF-8 (or UTF-16/32 with a byte order mark); bytes that are not valid UTF-8 are refused rather
    /// than read as U+FFFD, which would store a different name than the one sent.
    /// </summary>
    private static StreamReader OpenText(string path) =>
        new(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);

    /// <summary>
    /// Where a file that failed to decode is first not UTF-8: the decoder fails when it fills its buffer, ahead of the
    /// row being read, so the file is scanned again for the first invalid byte and its line.
    /// </summary>
    private static MalformedUploadException NotUtf8(string path, DecoderFallbackException ex)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        var chars = new char[buffer.Length];
        long offset = 0, line = 1;
        var filled = 0;
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            var total = filled + read;
            var status = System.Text.Unicode.Utf8.ToUtf16(buffer.AsSpan(0, total), chars, out var valid, out _,
                replaceInvalidSequences: false, isFinalBlock: read == 0);
            line += buffer.AsSpan(0, valid).Count((byte)'\n');
            if (status == System.Buffers.OperationStatus.InvalidData || (read == 0 && valid < total))
            {
                return new MalformedUploadException(
                    $"line {line}: not valid UTF-8 (byte {buffer[valid]:X2} at byte {offset + valid}); send text as UTF-8", ex);
            }

            offset += valid;
            filled = total - valid;
            Array.Copy(buffer, valid, buffer, 0, filled);
            if (read == 0)
            {
                return new MalformedUploadException($"not valid UTF-8: {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Validates the row the parser holds and appends it, or records why not; <paramref name="line"/> is the line of
    /// the file where the row starts, for formats with lines.
    /// </summary>
    private void Complete(BatchWriter writer, List<RowError>? extraErrors = null, long? line = null)
    {
        if (TotalRows == maxRows)
        {
            throw new UploadTooLargeException(TooManyRows($"row {maxRows + 1}"));
        }

        TotalRows++;
        _rowErrors.Clear();
        if (extraErrors is not null)
        {
            _rowErrors.AddRange(extraErrors);
        }

        var row = _parser.Build(TotalRows, _rowErrors);
        if (row is not null && _rowErrors.Count == 0)
        {
            writer.Append(row);
        }
        else
        {
            InvalidRows++;
            foreach (var error in _rowErrors)
            {
                if (Errors.Count < MaxReportedErrors)
                {
                    Errors.Add(error with { Line = line });
                }
            }
        }

        _parser.Reset();
    }

    private string TooManyRows(string what) =>
        $"{what}: more than the limit of {maxRows} rows per upload (Wellhouse:Ingest:MaxRows); split it into several uploads";

    internal static int[] MapHeader(IReadOnlyList<string> names, string where)
    {
        var map = new int[names.Count];
        var seen = new HashSet<int>();
        for (var i = 0; i < names.Count; i++)
        {
            map[i] = RawRowParser.IndexOf(names[i]);
            if (map[i] < 0)
            {
                throw new MalformedUploadException(
                    $"{where}: unknown column '{RawRowParser.Shorten(names[i])}'; the raw contract's columns are: {string.Join(", ", RawProductionRow.Columns)}");
            }

            if (!seen.Add(map[i]))
            {
                throw new MalformedUploadException($"{where}: column '{RawRowParser.Shorten(names[i])}' appears twice");
            }
        }

        foreach (var required in new[] { "field_code", "well_code", "production_period", "data_source" })
        {
            if (!seen.Contains(RawRowParser.IndexOf(required)))
            {
                throw new MalformedUploadException($"{where}: required column '{required}' is missing");
            }
        }

        return map;
    }
}
