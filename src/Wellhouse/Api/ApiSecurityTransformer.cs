using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Wellhouse.Hosting;

namespace Wellhouse.Api;

/// <summary>
/// Declares in the OpenAPI document what <see cref="ApiKeyMiddleware"/> enforces, from the same rule
/// (<see cref="ApiKeyScope"/>): the API-key scheme (header <c>X-Api-Key</c>), each operation's security (writes: the key;
/// reads: the key when this server has <c>Api:RequireKeyForReads</c>, else optional; health: none) with its 401, and
/// what a client generator and a linter (Redocly's recommended rules) look for: servers, tag descriptions.
/// </summary>
internal static class ApiSecurityTransformer
{
    public const string SchemeName = "ApiKey";

    /// <summary>The default address of <c>wellhouse serve</c>, declared when the document is not served (the build's copy).</summary>
    public const string DefaultServer = "http://127.0.0.1:5000";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Health"] = "Liveness and readiness of the server, for load balancers and monitoring; never need the key.",
        ["Wells"] = "Wells of the published snapshot and their summaries (mart_well_summary).",
        ["Production"] = "A well's series from the published snapshot: production, cumulatives, moving averages, decline curves, forecasts, trendlines, revenue.",
        ["Fields"] = "Fields and their aggregated production.",
        ["Decline"] = "How well the decline forecasts did at past as-of dates on the snapshot's own wells (the hindcast).",
        ["Real-time"] = "Raw rows received after the published snapshot, and on-demand decline fits of a posted series.",
        ["Ingest"] = "Uploads of raw production rows (the raw contract) and the accepted batches.",
        ["Runs"] = "Refreshes: build, test and publish a new snapshot; their history and logs.",
        ["Snapshots"] = "Kept snapshots and publishing one of them (rollback).",
    };

    public static OpenApiOptions AddApiSecurity(this OpenApiOptions options) =>
        options.AddDocumentTransformer(DescribeDocument).AddOperationTransformer(DeclareSecurity);

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken _)
    {
        var readsNeedKey = context.ApplicationServices.GetRequiredService<ApiKey>().RequireForReads;
        document.Info.Title = "Wellhouse API";
        document.Info.Description = "Well production analytics served from the published warehouse snapshot. See docs/api.md.\n\n"
            + $"Authentication: writes (ingest, runs, cancel, publish) need the API key in the `{ApiKey.Header}` header. "
            + "Reads need it too when the server sets `Wellhouse:Api:RequireKeyForReads` "
            + (readsNeedKey ? "(on in the server that made this document: reads declare the key as required)."
                : "(off in the server that made this document, the default: reads declare the key as optional).");
        AddScheme(document);
        if (document.Servers is not { Count: > 0 })
        {
            document.Servers = [new OpenApiServer { Url = DefaultServer, Description = "wellhouse serve's default address (--urls to change)." }];
        }

        // The served document names the request's base address, with a trailing slash that doubles the paths' own.
        foreach (var server in document.Servers)
        {
            server.Url = server.Url is { Length: > 1 } url ? url.TrimEnd('/') : server.Url;
        }

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
            {
                tag.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    private static Task DeclareSecurity(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation transformer runs without its document.");
        var access = ApiKeyScope.Of(context.Description.ActionDescriptor.EndpointMetadata);
        var readsNeedKey = context.ApplicationServices.GetRequiredService<ApiKey>().RequireForReads;
        AddScheme(document);
        var key = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] };

        // An empty requirement ({}) is "no authentication" (OpenAPI 3.1, Security Requirement Object).
        operation.Security = access switch
        {
            ApiAccess.Write => [key],
            ApiAccess.Read when readsNeedKey => [key],
            ApiAccess.Read => [new OpenApiSecurityRequirement(), key],
            _ => [new OpenApiSecurityRequirement()],
        };

        if (access != ApiAccess.Open && operation.Responses is { } responses && !responses.ContainsKey("401"))
        {
            responses["401"] = new OpenApiResponse
            {
                Description = "Unauthorized",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) },
                },
            };
        }

        return Task.CompletedTask;
    }

    private static void AddScheme(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKey.Header,
            Description = "The server's key: Wellhouse:Api:Key, or the one generated into <data>/api-key. Needed by writes; by reads too when Wellhouse:Api:RequireKeyForReads is true.",
        });
    }
}
