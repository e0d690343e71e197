using Microsoft.Extensions.Caching.Memory;

namespace Wellhouse.Hosting;

/// <summary>
/// Answers to snapshot reads, keyed by snapshot id, format and URL. A snapshot never changes, so an entry is right for
/// as long as its snapshot is served; after a publish the new id makes new keys and old entries age out (bounded by size).
/// </summary>
internal sealed class ResponseCache : IDisposable
{
    public const int MaxEntryBytes = 1 << 20;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 128L << 20 });

    public bool TryGet(string key, out CachedResponse? response) => _cache.TryGetValue(key, out response);

    public void Set(string key, CachedResponse response) =>
        _cache.Set(key, response, new MemoryCacheEntryOptions { Size = response.Body.Length + key.Length, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => _cache.Dispose();
}

internal sealed record CachedResponse(string ContentType, byte[] Body);
