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

/// <summary>An endpoint filter that answers 401 (ProblemDetails) unless the request carries the API key.</summary>
internal sealed class RequireApiKeyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var key = context.HttpContext.RequestServices.GetRequiredService<ApiKey>();
        if (!key.Matches(context.HttpContext.Request.Headers[ApiKey.Header]))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"This endpoint needs a valid API key in the {ApiKey.Header} header.");
        }

        return await next(context);
    }
}
