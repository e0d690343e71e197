using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Wellhouse.Decline;

/// <summary>The kinds of values a <see cref="PopulationCache"/> keeps.</summary>
internal enum CachedKind
{
    /// <summary>A well's state at a date (<see cref="AnchorState"/>: level, uptime, own Arps fit).</summary>
    AnchorState,

    /// <summary>The type curves learned before a date (the error models of every cohort and horizon).</summary>
    TypeCurves,

    /// <summary>The first calibration at a date (shift and band scale per cohort and horizon).</summary>
    Calibration,
}

/// <summary>
/// What a population forecast computed (the wells' anchor states: level, uptime and own Arps fit at a date; the type
/// curves learned before a date; the first calibration at a date), kept between builds and addressed by content: the
/// key is a hash of everything the value is computed from (for a state, the months of the well before the date, its
/// first month, the date and the fit's horizon; for type curves, the date and every sampled well's identifier and
/// months before it; for a calibration, the same of the wells sampled at each past date it compares; for all, the
/// options and the build of this library), so a value found under a key is the one the forecaster would compute, whichever
/// build stored it, and a changed history or option simply misses. The warehouse loads the parent snapshot's values
/// (<see cref="Add"/>) and stores back those a build used (<see cref="Used"/>): the same set whether the build started
/// from a parent or from nothing. Thread-safe.
/// </summary>
public sealed class PopulationCache
{
    /// <summary>The library's build: a value stored by another build of the fitting code is not reused.</summary>
    private static readonly Guid Version = typeof(AnchorState).Assembly.ManifestModule.ModuleVersionId;

    private readonly ConcurrentDictionary<UInt128, byte[]> _stored = new();
    private readonly ConcurrentDictionary<UInt128, byte[]> _used = new();
    private readonly int[] _hits = new int[3];
    private readonly int[] _misses = new int[3];

    /// <summary>Adds a value stored by an earlier build (<see cref="Used"/>'s key and bytes).</summary>
    public void Add(UInt128 key, byte[] value) => _stored[key] = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The values this cache served or computed, by key (ascending): what a build stores for the next.</summary>
    public IReadOnlyList<KeyValuePair<UInt128, byte[]>> Used => [.. _used.OrderBy(entry => entry.Key)];

    /// <summary>Anchor states found among the stored ones.</summary>
    public int StateHits => _hits[(int)CachedKind.AnchorState];

    /// <summary>Anchor states computed (fitted).</summary>
    public int StateMisses => _misses[(int)CachedKind.AnchorState];

    /// <summary>Type curves (of one date) found among the stored ones.</summary>
    public int TypeCurveHits => _hits[(int)CachedKind.TypeCurves];

    /// <summary>Type curves learned.</summary>
    public int TypeCurveMisses => _misses[(int)CachedKind.TypeCurves];

    /// <summary>Calibrations (of one date) found among the stored ones.</summary>
    public int CalibrationHits => _hits[(int)CachedKind.Calibration];

    /// <summary>Calibrations computed.</summary>
    public int CalibrationMisses => _misses[(int)CachedKind.Calibration];

    /// <summary>The hash of what every value of one forecaster depends on besides its histories and date: the library's
    /// build and the options (formatted without the culture).</summary>
    internal static UInt128 Context(PopulationForecastOptions options)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var text = $"{Version:N}|{options.Months}|{options.LearnedMonths}|{options.AbandonMonths}|{options.AnchorStepMonths}|"
                + $"{options.MinSamples}|{options.CalibrationDates}|{options.SampleWells}|{options.PeakMonths}|{options.RestartMonths}|{string.Join(',', options.CohortStarts)}|{options.Fit}|"
                + $"{string.Join(',', options.Methods)}|{options.SelectionDates}|{options.SelectionMargin:R}";
            return XxHash128.HashToUInt128(Encoding.UTF8.GetBytes(text));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>The value under <paramref name="key"/>: a stored one read back, else computed (and kept as used).</summary>
    internal T Get<T>(CachedKind kind, UInt128 key, Func<T> compute, Func<T, byte[]> write, Func<byte[], T> read)
    {
        if (_used.TryGetValue(key, out var bytes) || _stored.TryGetValue(key, out bytes))
        {
            Interlocked.Increment(ref _hits[(int)kind]);
            _used.TryAdd(key, bytes);
            return read(bytes);
        }

        Interlocked.Increment(ref _misses[(int)kind]);
        var value = compute();
        _used.TryAdd(key, write(value));
        return value;
    }

    /// <summary>A key builder: the context and kind first, then what the value is computed from.</summary>
    internal static XxHash128 Hasher(UInt128 context, CachedKind kind, int date, int detail)
    {
        var hash = new XxHash128();
        Span<byte> header = stackalloc byte[28];
        MemoryMarshal.Write(header, in context);
        MemoryMarshal.Write(header[16..], (int)kind);
        MemoryMarshal.Write(header[20..], date);
        MemoryMarshal.Write(header[24..], detail);
        hash.Append(header);
        return hash;
    }

    /// <summary>Appends a history's first month and its volumes and producing days before <paramref name="date"/>
    /// (with <paramref name="id"/>, its identifier).</summary>
    internal static void AppendHistory(XxHash128 hash, MonthlyHistory history, int date, bool id)
    {
        var months = Math.Clamp(date - history.FirstMonth, 0, history.Volumes.Length);
        Span<byte> header = stackalloc byte[12];
        MemoryMarshal.Write(header, history.FirstMonth);
        MemoryMarshal.Write(header[4..], months);
        MemoryMarshal.Write(header[8..], id ? history.Id.Length : -1);
        hash.Append(header);
        if (id)
        {
            hash.Append(Encoding.UTF8.GetBytes(history.Id));
        }

        hash.Append(MemoryMarshal.AsBytes(history.Volumes.AsSpan(0, months)));
        hash.Append(MemoryMarshal.AsBytes(history.DaysOn.AsSpan(0, months)));
    }
}
