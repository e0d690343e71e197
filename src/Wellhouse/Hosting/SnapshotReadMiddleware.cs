using Microsoft.Net.Http.Headers;
using Wellhouse.Snapshots;

namespace Wellhouse.Hosting;

/// <summary>Marks an endpoint as a read of the published snapshot (see <see cref="SnapshotReadMiddleware"/>).</summary>
internal sealed class SnapshotRead(bool cacheable)
{
    public static readonly SnapshotRead Cached = new(true);
    public static readonly SnapshotRead Uncached = new(false);

    public bool Cacheable { get; } = cacheable;
}

/// <summary>
/// For snapshot reads (the key, where reads need one, was checked by <see cref="ApiKeyMiddleware"/>): pins the served
/// snapshot for the request (503 before the first publish), adds <c>X-Data-Snapshot</c> and <c>X-Data-As-Of</c>, and for
/// cacheable reads answers <c>If-None-Match</c> with 304 and repeats from the <see cref="ResponseCache"/>; the ETag is the
/// snapshot id and format, since a URL's answer changes only with the snapshot (RFC 9110, 8.8.3).
/// </summary>
internal sealed class SnapshotReadMiddleware(RequestDelegate next, SnapshotProvider provider, ResponseCache cache)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var read = context.GetEndpoint()?.Metadata.GetMetadata<SnapshotRead>();
        if (read is null)
        {
            await next(context);
            return;
        }

        var snapshot = provider.Current;
        if (snapshot is null)
        {
            await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No snapshot published yet",
                detail: "Ingest raw data and run a refresh (POST /api/runs) first.").ExecuteAsync(context);
            return;
        }

        context.Features.Set(snapshot);
        var headers = context.Response.Headers;
        headers["X-Data-Snapshot"] = snapshot.Id;
        headers["X-Data-As-Of"] = snapshot.Info.BuiltAt.ToString("O");
        if (!read.Cacheable || !HttpMethods.IsGet(context.Request.Method))
        {
            headers.CacheControl = "no-store";
            await next(context);
            return;
        }

        var format = SeriesFormat.WantsCsv(context.Request) ? "csv" : "json";
        var etag = $"\"{snapshot.Id}-{format}\"";
        headers.CacheControl = "no-cache";
        headers.Vary = HeaderNames.Accept;
        if (context.Request.Headers.IfNoneMatch.Any(value => value is not null && value.Contains(etag, StringComparison.Ordinal)))
        {
            headers.ETag = etag;
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var cacheKey = $"{snapshot.Id}|{format}|{context.Request.Path}{context.Request.QueryString}";
        if (cache.TryGet(cacheKey, out var cached) && cached is not null)
        {
            headers.ETag = etag;
            context.Response.ContentType = cached.ContentType;
            context.Response.ContentLength = cached.Body.Length;
            await context.Response.Body.WriteAsync(cached.Body);
            return;
        }

        var original = context.Response.Body;
        var direct = new DirectBody(original, etag);
        context.Features.Set(direct);
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (direct.Used)
        {
            return;
        }

        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            headers.ETag = etag;
            if (buffer.Length <= ResponseCache.MaxEntryBytes)
            {
                cache.Set(cacheKey, new CachedResponse(context.Response.ContentType ?? "application/json", buffer.ToArray()));
            }
        }

        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }
}

/// <summary>
/// Lets an answer that is as cheap as a cache hit (one written from the serving store) skip the response buffer and
/// the cache: it writes to the original body with the ETag itself (<see cref="Use"/>); other answers are buffered and
/// cached as before.
/// </summary>
internal sealed class DirectBody(Stream original, string etag)
{
    public bool Used { get; private set; }

    public void Use(HttpContext context)
    {
        Used = true;
        context.Response.Body = original;
        context.Response.Headers.ETag = etag;
    }
}

/// <summary>Content negotiation for series: CSV when <c>Accept: text/csv</c> or <c>?format=csv</c>.</summary>
internal static class SeriesFormat
{
    public static bool WantsCsv(HttpRequest request) =>
        string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.Any(value => value is not null && value.Contains("text/csv", StringComparison.OrdinalIgnoreCase));
}
