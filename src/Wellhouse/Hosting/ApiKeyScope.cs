namespace Wellhouse.Hosting;

/// <summary>Who may call an endpoint: anyone, readers (the key only when <c>Api:RequireKeyForReads</c>), or key holders.</summary>
internal enum ApiAccess
{
    /// <summary>Health, metrics, the OpenAPI document and the dashboard's own files: never a key.</summary>
    Open,

    /// <summary>Everything under <c>/api</c> that changes nothing (fits included): the key when reads need it.</summary>
    Read,

    /// <summary>Ingest, runs, cancel, publish: always the key.</summary>
    Write,
}

/// <summary>
/// The one rule of which requests need the API key, as endpoint metadata: the API's endpoints are mapped in a group
/// marked <see cref="Read"/>, writes are marked <see cref="Write"/> (the endpoint's own metadata wins over the group's),
/// anything else is open. <see cref="ApiKeyMiddleware"/> enforces it and the OpenAPI document declares it
/// (<c>Api/ApiSecurityTransformer.cs</c>), so the two cannot disagree.
/// </summary>
internal sealed class ApiKeyScope
{
    public static readonly ApiKeyScope Read = new(ApiAccess.Read);
    public static readonly ApiKeyScope Write = new(ApiAccess.Write);

    private ApiKeyScope(ApiAccess access) => Access = access;

    public ApiAccess Access { get; }

    /// <summary>The access of an endpoint from its metadata (the last scope, i.e. the most specific, wins).</summary>
    public static ApiAccess Of(IEnumerable<object>? metadata) =>
        metadata?.OfType<ApiKeyScope>().LastOrDefault()?.Access ?? ApiAccess.Open;

    /// <summary>Whether a request to an endpoint of this access must carry the key.</summary>
    public static bool NeedsKey(ApiAccess access, bool readsNeedKey) =>
        access == ApiAccess.Write || (access == ApiAccess.Read && readsNeedKey);
}

/// <summary>Marks write endpoints: the key always, and the writes rate limit (counted only for requests that passed the key check).</summary>
internal static class ApiKeyScopeExtensions
{
    public static RouteHandlerBuilder RequireApiKey(this RouteHandlerBuilder route) =>
        route.WithMetadata(ApiKeyScope.Write).RequireRateLimiting(WellhouseWebHost.WritesPolicy);
}
