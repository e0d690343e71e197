using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wellhouse.Refresh;

namespace Wellhouse.Hosting;

/// <summary>
/// A write the data directory refused: 507 when its disk is full, 503 when it is read-only or not ours to write (the
/// server may work again once the operator fixes it; no client can). Told apart from lock contention (409, see
/// <see cref="RefreshLock"/>) and from bugs (500).
/// </summary>
internal sealed record StorageFault(int Status, string Title, string Reason)
{
    private const int NoSpace = 28;
    private const int QuotaExceeded = 122;
    private const int ReadOnlyFileSystem = 30;

    /// <summary>The fault behind an exception (or its inner exceptions), or null when it is not one.</summary>
    public static StorageFault? Of(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            var fault = current switch
            {
                UnauthorizedAccessException => NotWritable("permission denied"),
                IOException io when OperatingSystem.IsLinux() && io.HResult is NoSpace or QuotaExceeded => Full(),
                IOException io when OperatingSystem.IsLinux() && io.HResult == ReadOnlyFileSystem => NotWritable("read-only file system"),
                _ => FromMessage(current.Message),
            };
            if (fault is not null)
            {
                return fault;
            }
        }

        return null;
    }

    /// <summary>DuckDB (writing a batch's Parquet file, a snapshot) reports the operating system's message in its own exception.</summary>
    private static StorageFault? FromMessage(string message) =>
        message.Contains("No space left on device", StringComparison.Ordinal) || message.Contains("Disk quota exceeded", StringComparison.Ordinal) ? Full()
        : message.Contains("Read-only file system", StringComparison.Ordinal) ? NotWritable("read-only file system")
        : message.Contains("Permission denied", StringComparison.Ordinal) ? NotWritable("permission denied")
        : null;

    private static StorageFault Full() =>
        new(StatusCodes.Status507InsufficientStorage, "Data directory full", "the data directory's disk is full (no space left on device)");

    private static StorageFault NotWritable(string why) =>
        new(StatusCodes.Status503ServiceUnavailable, "Data directory not writable", $"the data directory cannot be written ({why})");
}

/// <summary>Answers a <see cref="StorageFault"/> as ProblemDetails; the log keeps the exception with its paths.</summary>
internal sealed class StorageExceptionHandler(
    IProblemDetailsService problems,
    DataDirectory data,
    IOptions<WellhouseOptions> options,
    ILogger<StorageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StorageFault.Of(exception) is not { } fault)
        {
            return false;
        }

        logger.LogError(exception, "{Method} {Path}: {Reason}", httpContext.Request.Method, httpContext.Request.Path, fault.Reason);
        httpContext.Response.StatusCode = fault.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = fault.Status,
                Title = fault.Title,
                Detail = $"{fault.Reason}; nothing was written. {RunLogText.ForClients(exception.Message, data, options.Value)}",
            },
        });
    }
}
