using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;
using Wellhouse.Snapshots;

namespace Wellhouse.Hosting;

/// <summary>
/// Before the server takes requests (the pipeline is built after the start-up service opened the published snapshot):
/// builds every endpoint's request delegate and answers each per-well snapshot read once, in process, for the served
/// store's first well, into a discarded body. The JIT compiles the endpoints' binding, the handlers and the serving
/// store's writers then, not while the first requests wait (with QuickJit off, Wellhouse.csproj, each method is
/// compiled once, optimized). Nothing is cached: the answers are thrown away.
/// </summary>
internal static class EndpointWarmUp
{
    public static void Run(IServiceProvider services, ILogger logger)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints; // builds every request delegate
        if (services.GetRequiredService<SnapshotProvider>().Current is not { Serve: { } store } snapshot
            || store.Relation("int_wells") is not { Info.Wells: > 0 } wells)
        {
            return;
        }

        var well = wells.WellCode(0).ToString(CultureInfo.InvariantCulture);
        var answered = 0;
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<SnapshotRead>() is null || endpoint.RequestDelegate is null
                || endpoint.RoutePattern.Parameters is not [{ Name: "wellCode" }]
                || endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(HttpMethods.Get) != true)
            {
                continue;
            }

            using var scope = services.CreateScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = RoutePatternFormatter(endpoint.RoutePattern, well);
            context.Request.RouteValues["wellCode"] = well;
            context.Features.Set(snapshot);
            context.SetEndpoint(endpoint);
            context.Response.Body = Stream.Null;
            try
            {
                endpoint.RequestDelegate(context).GetAwaiter().GetResult();
                answered++;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning("Warm-up of {Route} failed: {Problem}", endpoint.RoutePattern.RawText, ex.Message);
            }
        }

        logger.LogInformation("Warmed up {Count} per-well reads in {Milliseconds:F0} ms", answered,
            System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static string RoutePatternFormatter(RoutePattern pattern, string well) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart => well,
            _ => string.Empty,
        }))));
}
