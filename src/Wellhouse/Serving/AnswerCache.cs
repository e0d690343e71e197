using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Wellhouse.Serving;

/// <summary>
/// The JSON answers of the hottest series (a well's whole monthly production: the dashboard's first chart), kept as
/// bytes per served store and well after they were first written, up to <see cref="Hosting.ApiOptions.PreEncodedMegabytes"/>
/// per store: a repeated read is a copy of those bytes, not a render of its 1,200 values (107 µs of CPU). The first read
/// of a well after a publish renders it as before (nothing is built ahead: publish to served stays as fast). Entries are
/// added while the budget lasts and never evicted (random reads gain nothing from eviction; a store's entries go with
/// the store when its snapshot is swapped out). Only whole series in JSON: a date range or CSV is rendered every time.
/// </summary>
internal sealed class AnswerCache(IOptions<Hosting.WellhouseOptions> options)
{
    /// <summary>Bytes an entry costs beside its body (the array object and its slot).</summary>
    private const int EntryOverhead = 32;

    private readonly ConditionalWeakTable<ServeStore, Entries> _stores = new();
    private readonly long _budget = Math.Max(0L, options.Value.Api.PreEncodedMegabytes) << 20;

    /// <summary>The kept answer of the series for a well (by its index in the store's well list), or null.</summary>
    public byte[]? Get(ServeStore store, string series, int well) =>
        _budget > 0 && _stores.TryGetValue(store, out var entries) ? entries.Get(series, well) : null;

    /// <summary>Keeps a copy of an answer while the store's budget lasts.</summary>
    public void Keep(ServeStore store, string series, int well, int wells, ReadOnlySpan<byte> body)
    {
        if (_budget > 0)
        {
            _stores.GetValue(store, _ => new Entries(_budget, wells)).Keep(series, well, body);
        }
    }

    /// <summary>The bytes kept for a store (entries and their overhead).</summary>
    public long Bytes(ServeStore store) => _stores.TryGetValue(store, out var entries) ? entries.Bytes : 0;

    private sealed class Entries(long budget, int wells)
    {
        private readonly ConcurrentDictionary<string, byte[]?[]> _series = new(StringComparer.Ordinal);
        private long _bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        public byte[]? Get(string series, int well) =>
            _series.TryGetValue(series, out var answers) && (uint)well < (uint)answers.Length ? Volatile.Read(ref answers[well]) : null;

        public void Keep(string series, int well, ReadOnlySpan<byte> body)
        {
            var answers = _series.GetOrAdd(series, _ => new byte[]?[wells]);
            if ((uint)well >= (uint)answers.Length || Volatile.Read(ref answers[well]) is not null)
            {
                return;
            }

            var cost = body.Length + EntryOverhead;
            if (Interlocked.Add(ref _bytes, cost) > budget)
            {
                Interlocked.Add(ref _bytes, -cost);
                return;
            }

            var copy = body.ToArray();
            if (Interlocked.CompareExchange(ref answers[well], copy, null) is not null)
            {
                Interlocked.Add(ref _bytes, -cost); // another request kept it first
            }
        }
    }
}
