using System.Security.Cryptography;

namespace Wellhouse.Ingest;

/// <summary>How an ingest ended.</summary>
internal enum IngestStatus
{
    Accepted,
    Duplicate,
    Invalid,
    Malformed,
    TooLarge,
}

internal sealed record IngestOutcome(IngestStatus Status, IngestResult? Result = null, string? Message = null,
    IReadOnlyList<RowError>? Errors = null, long InvalidRows = 0, long TotalRows = 0);

/// <summary>
/// Ingest of one upload, shared by <c>POST /api/ingest</c> and <c>wellhouse ingest</c>: the body is spooled to a temp
/// file while its SHA-256 is computed (the batch id) and its size checked, then read and validated row by row; the
/// batch is committed only when every row is valid (or, with skip-invalid, the valid rows). A cut-off or refused
/// upload leaves nothing behind. Rows whose data_source the warehouse's seed does not list are invalid rows
/// (<see cref="DataSourceCatalog"/>); the message then names the known sources and how to add one.
/// </summary>
internal sealed class IngestService(RawStore store, DataSourceCatalog sources, TimeProvider time, ILogger<IngestService> logger)
{
    public static string BytesLimit(long maxBytes) => $"the upload is larger than the limit of {maxBytes} bytes (Wellhouse:Ingest:MaxBytes)";

    public async Task<IngestOutcome> IngestAsync(Stream body, UploadFormat format, string? sourceName, bool skipInvalid,
        long maxBytes, CancellationToken cancellationToken, long maxRows = long.MaxValue)
    {
        store.DeleteAbandonedTempFiles();
        var spool = store.NewTempPath("upload");
        try
        {
            string id;
            long bytes = 0;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                while (true)
                {
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer, cancellationToken);
                    }
                    catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
                    {
                        // A compressed body (Content-Encoding gzip, deflate or br: the server decompresses it as it is
                        // read; gzip and deflate throw InvalidDataException on bad data, brotli InvalidOperationException)
                        // that is not what it claims to be: an unreadable upload, not a server error.
                        return new IngestOutcome(IngestStatus.Malformed,
                            Message: $"the body does not decompress as its Content-Encoding says: {ex.Message}");
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    bytes += read;
                    if (bytes > maxBytes)
                    {
                        return new IngestOutcome(IngestStatus.TooLarge, Message: BytesLimit(maxBytes));
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                id = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            if (store.Find(id) is { } existing)
            {
                return new IngestOutcome(IngestStatus.Duplicate, new IngestResult(existing, true, []));
            }

            var receivedAt = time.GetUtcNow();
            var known = sources.Known();
            if (known is null)
            {
                logger.LogWarning("No warehouse project with {Seed} found: data sources are not checked", DataSourceCatalog.SeedPath);
            }

            var reader = new UploadReader(receivedAt.UtcDateTime, known, maxRows);
            using var writer = new BatchWriter(store.NewTempPath("duckdb"));
            try
            {
                reader.Read(spool, format, writer);
            }
            catch (MalformedUploadException ex)
            {
                return new IngestOutcome(IngestStatus.Malformed, Message: ex.Message);
            }
            catch (UploadTooLargeException ex)
            {
                return new IngestOutcome(IngestStatus.TooLarge, Message: ex.Message);
            }

            if (writer.Count == 0 || (reader.InvalidRows > 0 && !skipInvalid))
            {
                var message = reader.TotalRows == 0 ? "the upload has no rows"
                    : $"{reader.InvalidRows} of {reader.TotalRows} rows are invalid; nothing was written" + UnknownSources(reader, known);
                return new IngestOutcome(IngestStatus.Invalid, Message: message, Errors: reader.Errors,
                    InvalidRows: reader.InvalidRows, TotalRows: reader.TotalRows);
            }

            var info = new BatchInfo
            {
                Id = id,
                ReceivedAt = receivedAt,
                Format = format.ToString().ToLowerInvariant(),
                SourceName = sourceName,
                Rows = writer.Count,
                SkippedRows = reader.InvalidRows,
                Bytes = bytes,
            };
            if (!store.Commit(info, writer))
            {
                return new IngestOutcome(IngestStatus.Duplicate, new IngestResult(store.Find(id) ?? info, true, []));
            }

            logger.LogInformation("Accepted batch {BatchId}: {Rows} rows ({Skipped} skipped) from {Source}", id, info.Rows,
                info.SkippedRows, sourceName ?? "upload");
            return new IngestOutcome(IngestStatus.Accepted, new IngestResult(info, false, reader.Errors),
                Message: UnknownSources(reader, known) is { Length: > 0 } unknown ? unknown[2..] : null,
                InvalidRows: reader.InvalidRows, TotalRows: reader.TotalRows);
        }
        finally
        {
            File.Delete(spool);
        }
    }

    private static string UnknownSources(UploadReader reader, IReadOnlySet<string>? known) =>
        reader.UnknownSourceRows > 0 && known is not null
            ? $"; {reader.UnknownSourceRows} rows name an unknown data source: {DataSourceCatalog.Hint(known)}"
            : string.Empty;
}
