using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Wellhouse.Hosting;

/// <summary>
/// The API key that writes (and, when configured, reads) require in the header <c>X-Api-Key</c>. When
/// <c>Wellhouse:Api:Key</c> is unset, a random key is generated once into <c>&lt;data&gt;/api-key</c> (readable only by
/// its owner), so a fresh server is never open for writes.
/// </summary>
internal sealed class ApiKey(IOptions<WellhouseOptions> options, DataDirectory data, ILogger<ApiKey> logger)
{
    public const string Header = "X-Api-Key";

    private readonly Lazy<byte[]> _expected = new(() => Encoding.UTF8.GetBytes(Load(options.Value.Api.Key, data, logger)));

    public bool RequireForReads => options.Value.Api.RequireKeyForReads;

    /// <summary>Loads (or generates) the key now, so that a generated key file exists as soon as the server starts.</summary>
    public void EnsureLoaded() => _ = _expected.Value;

    /// <summary>Compares in constant time (no timing side channel).</summary>
    public bool Matches(string? presented) =>
        presented is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _expected.Value);

    private static string Load(string? configured, DataDirectory data, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.Trim();
        }

        if (File.Exists(data.ApiKeyFile))
        {
            return File.ReadAllText(data.ApiKeyFile).Trim();
        }

        Directory.CreateDirectory(data.Root);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        DurableFile.WriteAllText(data.ApiKeyFile, key + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(data.ApiKeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        logger.LogWarning("No Wellhouse:Api:Key configured: generated one in {Path}", data.ApiKeyFile);
        return key;
    }
}

/// <summary>
/// Enforces <see cref="ApiKeyScope"/>: answers 401 (ProblemDetails) when the endpoint needs the key and the request does
/// not carry it. It runs before the rate limiter, so requests without the key never use up the writes' permits, and
/// marks key holders (<see cref="IsKeyHolder"/>) so that the limiter counts them apart from anonymous callers.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, ApiKey key)
{
    private static readonly object HolderItem = new();

    /// <summary>Whether the request carried the valid key (set for any endpoint, so the limiter can tell callers apart).</summary>
    public static bool IsKeyHolder(HttpContext context) => context.Items.ContainsKey(HolderItem);

    public async Task InvokeAsync(HttpContext context)
    {
        var presented = context.Request.Headers[ApiKey.Header];
        var holder = presented.Count > 0 && key.Matches(presented);
        if (holder)
        {
            context.Items[HolderItem] = true;
        }

        var access = ApiKeyScope.Of(context.GetEndpoint()?.Metadata);
        if (!holder && ApiKeyScope.NeedsKey(access, key.RequireForReads))
        {
            var who = access == ApiAccess.Write ? "This endpoint needs" : "Reads need";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"{who} a valid API key in the {ApiKey.Header} header.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
