using System.Text.Json.Serialization;

namespace Wellhouse.Api.Responses;

// Problems (RFC 9457) that carry extension members. The handlers send them with TypedResults.Problem (ProblemDetails plus
// extensions, and trace_id added by the problem-details service); these records declare that shape for the OpenAPI
// document, and ProblemSchemaTests check what is sent against it.

/// <summary>A problem (RFC 9457) with the members every Wellhouse problem has.</summary>
internal abstract record ProblemResponse
{
    /// <summary>A URI reference that identifies the problem type.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>A short summary of the problem.</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("status")]
    public int? Status { get; init; }

    /// <summary>What went wrong, in words.</summary>
    [JsonPropertyName("detail")]
    public string? Detail { get; init; }

    /// <summary>The request's trace id, for the server's logs.</summary>
    [JsonPropertyName("trace_id")]
    public string? TraceId { get; init; }
}

/// <summary>422 of an upload: rows that break the raw contract (strict mode writes nothing).</summary>
internal sealed record InvalidRowsProblem : ProblemResponse
{
    /// <summary>Rows refused.</summary>
    [JsonPropertyName("invalid_rows")]
    public long? InvalidRows { get; init; }

    /// <summary>Rows read from the upload.</summary>
    [JsonPropertyName("total_rows")]
    public long? TotalRows { get; init; }

    /// <summary>The refused rows with the column and reason (the first 100).</summary>
    [JsonPropertyName("errors")]
    public IReadOnlyList<RowErrorResponse>? Errors { get; init; }
}

/// <summary>422 of a fit: the series cannot be fitted.</summary>
internal sealed record CannotFitProblem : ProblemResponse
{
    /// <summary>Why (Wellhouse.Decline CannotFitReason): InvalidInput, EmptySeries, NegativeValue, UnsortedOrDuplicateTimes, NoProduction, TooFewPoints, NoDecline, DidNotConverge or ModelRejected.</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>Index of the period at fault (from 0); null when the series as a whole is.</summary>
    [JsonPropertyName("row")]
    public int? Row { get; init; }
}

/// <summary>409 of a refresh start: one refresh runs at a time.</summary>
internal sealed record RefreshRunningProblem : ProblemResponse
{
    /// <summary>The id of the refresh that is running (GET /api/runs/{id}).</summary>
    [JsonPropertyName("running_id")]
    public string? RunningId { get; init; }
}
