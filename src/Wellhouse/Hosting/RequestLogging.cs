using System.Diagnostics;

namespace Wellhouse.Hosting;

/// <summary>
/// One log line per request, at Information in the category <c>Wellhouse.Requests</c>: method, path, status and
/// milliseconds (e.g. <c>GET /api/wells/7405/production 200 3.1 ms</c>). It replaces the framework's own request
/// logging (about nine lines per request), which the host's logging defaults set to Warning (docs/api.md, "Logging").
/// </summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILoggerFactory loggers)
{
    /// <summary>The log category of the request lines.</summary>
    public const string Category = "Wellhouse.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (_logger.IsEnabled(LogLevel.Information))
            {
                Completed(_logger, context.Request.Method, context.Request.PathBase + context.Request.Path,
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {Milliseconds:0.0} ms")]
    private static partial void Completed(ILogger logger, string method, string path, int status, double milliseconds);
}
