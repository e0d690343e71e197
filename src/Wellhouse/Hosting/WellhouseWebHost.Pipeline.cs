using Scalar.AspNetCore;
using Wellhouse.Api;
using Wellhouse.Dashboard;

namespace Wellhouse.Hosting;

internal static partial class WellhouseWebHost
{
    /// <summary>The request pipeline and the endpoints.</summary>
    public static void UseWellhouse(IApplicationBuilder app)
    {
        app.UseMiddleware<RequestLogging>();
        // A request the framework refuses (unreadable JSON, body too large) keeps its 4xx status, as ProblemDetails.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        // Uploads may be sent compressed (Content-Encoding gzip, deflate, br); decompressed as read, after the key and
        // the rate limit, and counted against Ingest:MaxBytes decompressed.
        app.UseRequestDecompression();
        app.UseMiddleware<SnapshotReadMiddleware>();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapOpenApi("/openapi/{documentName}.json");
            endpoints.MapScalarApiReference("/docs", scalar => scalar.WithTitle("Wellhouse API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
            endpoints.MapDashboard();
            endpoints.MapHealth();
            endpoints.MapPrometheusScrapingEndpoint("/metrics");

            // Every API endpoint is a read unless it says it is a write (ApiKeyScope: the key's one rule).
            var api = endpoints.MapGroup(string.Empty).WithMetadata(ApiKeyScope.Read);
            api.MapWells();
            api.MapProduction();
            api.MapFields();
            api.MapRealtime();
            api.MapDecline();
            api.MapHindcast();
            api.MapIngest();
            api.MapRuns();
            api.MapSnapshots();
        });

        // The pipeline is built before the server listens: the first requests find the code compiled.
        EndpointWarmUp.Run(app.ApplicationServices, app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EndpointWarmUp)));
    }
}
