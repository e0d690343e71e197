using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Wellhouse.Dashboard;

/// <summary>
/// The browser dashboard: the page at <c>/</c>, its files (web/src and ECharts, copied into the output's
/// <c>dashboard/</c> folder by Wellhouse.Dashboard.targets) at <c>/dashboard/...</c>, and the lineage graph the data
/// page draws at <c>/dashboard/lineage.json</c>. The pages read everything else from <c>/api</c>.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>The output folder holding the dashboard's files.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "dashboard");

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Maps the dashboard; call it with the other endpoints (it takes <c>/</c> before any other GET of <c>/</c>).</summary>
    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder endpoints, string? root = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var files = new DashboardFiles(root ?? DefaultRoot);
        var lineage = new LineageSource(endpoints.ServiceProvider.GetRequiredService<IConfiguration>());

        // A lower order wins over any other endpoint of the same route.
        endpoints.MapGet("/", (HttpContext context) => files.Serve(context, "index.html"))
            .WithOrder(-1).ExcludeFromDescription();
        endpoints.MapGet("/dashboard/lineage.json", () => TypedResults.Ok(lineage.Read()))
            .ExcludeFromDescription();
        endpoints.MapGet("/dashboard/{**path}", (HttpContext context, string? path) => files.Serve(context, path ?? ""))
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>One folder's files, served read-only; the file provider refuses paths that leave the folder.</summary>
    private sealed class DashboardFiles(string root)
    {
        private readonly Lazy<PhysicalFileProvider?> _provider = new(() =>
            Directory.Exists(root) ? new PhysicalFileProvider(Path.GetFullPath(root)) : null);

        public IResult Serve(HttpContext context, string path)
        {
            if (_provider.Value is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Dashboard not built",
                    detail: $"No dashboard files in {root}: build src/Wellhouse (it runs npm ci in web/ and copies them).");
            }

            var file = path.Contains("..", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
                ? null
                : _provider.Value.GetFileInfo(path);
            if (file is null || !file.Exists || file.IsDirectory || file.PhysicalPath is null)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: "No such dashboard file.");
            }

            if (!ContentTypes.TryGetContentType(file.Name, out var contentType))
            {
                contentType = "application/octet-stream";
            }

            // Revalidate every time (cheap 304s through Last-Modified/ETag), so a rebuilt dashboard shows at once.
            context.Response.Headers.CacheControl = "no-cache";
            var etag = new EntityTagHeaderValue($"\"{file.LastModified.ToUnixTimeMilliseconds():x}-{file.Length:x}\"");
            return TypedResults.PhysicalFile(file.PhysicalPath, contentType, lastModified: file.LastModified, entityTag: etag);
        }
    }
}
