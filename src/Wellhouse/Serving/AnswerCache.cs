using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Wellhouse.Serving;

/// <summary>
/// The JSON answers of the hottest series (a well's whole monthly production: the dashboard's first chart), kept as
/// bytes per served store and well after they were first written, up to <see cref="Hosting.ApiOptions.PreEncodedMegabytes"/>
/// per store: a repeated read is a copy of those bytes, not a render of its 1,200 values (107 µs of CPU). They are
/// rendered before the store is served (<see cref="KeepAhead"/>), else by the first read of a well. Entries are
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

    /// <summary>How long <see cref="KeepAhead"/> renders at most.</summary>
    public static readonly TimeSpan AheadTime = TimeSpan.FromSeconds(1);

    /// <summary>The key of a well's whole monthly production in JSON (<c>/production?granularity=monthly</c>).</summary>
    public const string MonthlyProduction = "production?granularity=monthly";

    /// <summary>Keeps a copy of an answer while the store's budget lasts; false when it is over.</summary>
    public bool Keep(ServeStore store, string series, int well, int wells, ReadOnlySpan<byte> body) =>
        _budget > 0 && _stores.GetValue(store, _ => new Entries(_budget, wells)).Keep(series, well, body);

    /// <summary>
    /// Before a store is served (<see cref="Snapshots.SnapshotProvider"/>, at start and at each publish): every well's whole
    /// monthly production in JSON rendered as the endpoint renders it (<see cref="SeriesWriter.WriteAnswer"/>, the envelope
    /// of <c>GET /api/wells/{code}/production</c>) and kept, on every core, until the budget is spent or
    /// <see cref="AheadTime"/> has passed (publish to served stays bounded on a busy machine; the wells left are kept by
    /// their first read, as before). The first pass of random monthly reads after a publish is then served as a repeated
    /// one: the render moved into the publish (10,000 wells x 33 months 0.3 CPU-s, x 60 months 1.3-1.7 CPU-s at load 30).
    /// The answers kept and their bytes; <paramref name="limit"/> instead of <see cref="AheadTime"/> and
    /// <paramref name="cores"/> threads instead of one per core when given.
    /// </summary>
    public (int Answers, long Bytes) KeepAhead(ServeStore store, TimeSpan? limit = null, int? cores = null)
    {
        var time = limit ?? AheadTime;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (_budget <= 0 || store.Relation("mart_well_summary") is not { } wells || store.Relation("mart_production_monthly") is null)
        {
            return (0, 0);
        }

        var count = (int)wells.Info.Wells;
        var kept = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, cores ?? Environment.ProcessorCount) };
        Parallel.For(0, count, options, () => new JsonText(), (index, loop, text) =>
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > time)
            {
                loop.Stop();
                return text;
            }

            var wellCode = wells.WellCode(index);
            if (ServeSeries.Stored(store, "mart_production_monthly", wellCode, "month", [], null, null) is { } table)
            {
                text.Clear();
                SeriesWriter.WriteAnswer(text, table, new Dictionary<string, object?> { ["well_code"] = wellCode, ["granularity"] = "monthly" });
                if (text.Pending > SeriesResult.KeepBytes)
                {
                    return text;
                }

                if (Keep(store, MonthlyProduction, index, count, text.WrittenSince(0)))
                {
                    Interlocked.Increment(ref kept);
                }
                else if (Bytes(store) + text.Pending + EntryOverhead > _budget)
                {
                    loop.Stop(); // the budget is spent
                }
            }

            return text;
        }, text => text.Dispose());
        return (kept, Bytes(store));
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

        public bool Keep(string series, int well, ReadOnlySpan<byte> body)
        {
            var answers = _series.GetOrAdd(series, _ => new byte[]?[wells]);
            if ((uint)well >= (uint)answers.Length || Volatile.Read(ref answers[well]) is not null)
            {
                return false;
            }

            var cost = body.Length + EntryOverhead;
            if (Interlocked.Add(ref _bytes, cost) > budget)
            {
                Interlocked.Add(ref _bytes, -cost);
                return false;
            }

            var copy = body.ToArray();
            if (Interlocked.CompareExchange(ref answers[well], copy, null) is not null)
            {
                Interlocked.Add(ref _bytes, -cost); // another request kept it first
                return false;
            }

            return true;
        }
    }
}
