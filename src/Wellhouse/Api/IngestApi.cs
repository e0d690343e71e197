using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wellhouse.Api.Responses;
using Wellhouse.Hosting;
using Wellhouse.Ingest;
using Wellhouse.Refresh;

namespace Wellhouse.Api;

/// <summary>
/// <c>/api/ingest</c>: uploads in the raw contract (CSV, JSON array, NDJSON or Parquet; streamed) and the batch list.
/// 201 for a new batch, 200 for content already stored, 422 with row-level errors, 400 for an unreadable body, 413 over
/// the size limit, 415 for an unknown format.
/// </summary>
internal static class IngestApi
{
    public static void MapIngest(this IEndpointRouteBuilder endpoints)
    {
        var ingest = endpoints.MapGroup("/api/ingest").WithTags("Ingest");
        ingest.MapPost("/", Upload).WithName("Ingest")
            // No server-wide limit on the decompressed body: Upload sets Ingest:MaxBytes on the bytes received and the
            // ingest counts decompressed bytes against it (413 either way).
            .WithMetadata(new NoRequestSizeLimit())
            .WithSummary("Upload raw production rows (body: CSV, JSON, NDJSON or Parquet). mode=skip-invalid keeps the valid rows.")
            .RequireApiKey()
            .AcceptsBytes("text/csv", "application/json", "application/x-ndjson", "application/vnd.apache.parquet")
            .Produces<IngestResponse>(StatusCodes.Status201Created).Produces<IngestResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Produces<InvalidRowsProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json");
        ingest.MapGet("/batches", ListBatches).WithName("ListBatches").WithSummary("Accepted batches, oldest first.")
            .Produces<BatchListResponse>();
        ingest.MapGet("/batches/{id}", GetBatch).WithName("GetBatch").WithSummary("One accepted batch.")
            .Produces<BatchResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        ingest.MapDelete("/batches/{id}", Retract).WithName("RetractBatch")
            .WithSummary("Retract an accepted batch: its rows leave the raw store; the next refresh rebuilds every model without them.")
            .RequireApiKey()
            .Produces<BatchResponse>().ProducesWriteProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .Produces<RefreshRunningProblem>(StatusCodes.Status409Conflict, "application/problem+json");
    }

    private static async Task<IResult> Upload(HttpContext context, IngestService ingest, IOptions<WellhouseOptions> options,
        string? format, string? mode, string? source)
    {
        var maxBytes = options.Value.Ingest.MaxBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        var args = new ApiArgs();
        var skip = args.OneOf(mode, "mode", "strict", "strict", "skip-invalid") == "skip-invalid";
        var sourceName = args.Text(source, "source", 200);
        if (!args.IsValid)
        {
            return args.Problem();
        }

        if (context.Request.ContentLength > maxBytes)
        {
            return TooLarge(maxBytes);
        }

        // The decompression middleware removes the encodings it decompressed; any other is refused, not read as data.
        if (context.Request.Headers.ContentEncoding is { Count: > 0 } encoding && encoding.ToString() is not "identity")
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Content-Encoding",
                detail: $"Content-Encoding '{RawRowParser.Shorten(encoding.ToString())}' is not supported: send the body as is, or gzip, deflate or br.");
        }

        var uploadFormat = UploadFormats.Detect(format, context.Request.ContentType, sourceName);
        if (uploadFormat is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported format",
                detail: "Send text/csv, application/json, application/x-ndjson or application/vnd.apache.parquet (or ?format=csv|json|ndjson|parquet).");
        }

        IngestOutcome outcome;
        try
        {
            outcome = await ingest.IngestAsync(context.Request.Body, uploadFormat.Value, sourceName, skip, maxBytes, context.RequestAborted,
                options.Value.Ingest.MaxRows);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(maxBytes);
        }

        return outcome.Status switch
        {
            IngestStatus.Accepted => TypedResults.Created($"/api/ingest/batches/{outcome.Result!.Batch.Id}", IngestResponse.From(outcome)),
            IngestStatus.Duplicate => TypedResults.Ok(IngestResponse.From(outcome)),
            IngestStatus.TooLarge => TooLarge(maxBytes, outcome.Message),
            IngestStatus.Malformed => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unreadable upload",
                detail: outcome.Message),
            _ => Invalid(outcome),
        };
    }

    private static IResult TooLarge(long maxBytes, string? message = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large",
            detail: message ?? IngestService.BytesLimit(maxBytes));

    private static IResult Invalid(IngestOutcome outcome)
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Invalid rows",
            Detail = outcome.Message,
        };
        problem.Extensions["invalid_rows"] = outcome.InvalidRows;
        problem.Extensions["total_rows"] = outcome.TotalRows;
        problem.Extensions["errors"] = (outcome.Errors ?? []).Select(error => new { row = error.Row, line = error.Line, column = error.Column, reason = error.Reason });
        return TypedResults.Problem(problem);
    }

    private static IResult ListBatches(RawStore raw) => TypedResults.Ok(new BatchListResponse(raw.List().Select(BatchResponse.From).ToList()));

    /// <param name="id">The batch id (SHA-256 of the upload, hex).</param>
    /// <param name="coordinator">The refresh coordinator, whose lock keeps builds from reading a batch being removed.</param>
    private static IResult Retract(string id, RefreshCoordinator coordinator)
    {
        var (batch, runningId) = coordinator.TryRetract(id);
        if (runningId is not null)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "A refresh is already running",
                Detail = $"Refresh {runningId} is running and reads the raw batches; retract the batch when it has finished.",
            };
            problem.Extensions["running_id"] = runningId;
            return TypedResults.Problem(problem);
        }

        return batch is not null ? TypedResults.Ok(BatchResponse.From(batch))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Batch not found");
    }

    private static IResult GetBatch(string id, RawStore raw) =>
        raw.Find(id) is { } batch ? TypedResults.Ok(BatchResponse.From(batch))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Batch not found");
}

/// <summary>Endpoint metadata: no framework limit on the request body (the endpoint sets its own).</summary>
internal sealed class NoRequestSizeLimit : Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => null;
}
