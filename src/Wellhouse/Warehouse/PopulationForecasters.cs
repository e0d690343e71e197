using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Wellhouse.Decline;

namespace Wellhouse.Warehouse;

/// <summary>
/// The population forecasters of the latest builds, by content: int_population_forecast and mart_decline_hindcast ask
/// for the forecaster of the same histories (a data source's stream) and options, so the hindcast reuses the fits,
/// type curves and calibrations the forecast computed instead of computing them again. A forecaster's results depend
/// only on its histories and options, so a reused one answers exactly as a new one would (a caller that brings its
/// own anchor states gets a forecaster that uses them, so that they list every state its build used). Holds the last
/// <see cref="Kept"/>; the hindcast releases each one it used.
/// </summary>
internal static class PopulationForecasters
{
    /// <summary>Forecasters kept: both streams of two data sources.</summary>
    private const int Kept = 4;

    private static readonly Lock Gate = new();
    private static readonly LinkedList<(UInt128 Histories, PopulationForecastOptions Options, PopulationForecaster Forecaster)> Recent = new();

    /// <summary>The forecaster of <paramref name="histories"/> (in this order) with <paramref name="options"/>: the kept
    /// one of the same content, or a new one (then kept) whose wells' states come from and go into
    /// <paramref name="states"/> (<see cref="PopulationStates"/>).</summary>
    public static PopulationForecaster For(IReadOnlyList<MonthlyHistory> histories, PopulationForecastOptions options, PopulationCache? states = null)
    {
        var key = Fingerprint(histories);
        lock (Gate)
        {
            for (var node = Recent.First; node is not null; node = node.Next)
            {
                // A caller with its own states gets a forecaster that fills them (what its build stores).
                if (node.Value.Histories == key && node.Value.Options == options
                    && (states is null || ReferenceEquals(node.Value.Forecaster.States, states)))
                {
                    return node.Value.Forecaster;
                }
            }

            var forecaster = new PopulationForecaster(histories, options, states);
            Recent.AddFirst((key, options, forecaster));
            while (Recent.Count > Kept)
            {
                Recent.RemoveLast();
            }

            return forecaster;
        }
    }

    /// <summary>Stops keeping <paramref name="forecaster"/> (its memory goes when its last user is done).</summary>
    public static void Release(PopulationForecaster forecaster)
    {
        lock (Gate)
        {
            for (var node = Recent.First; node is not null; node = node.Next)
            {
                if (ReferenceEquals(node.Value.Forecaster, forecaster))
                {
                    Recent.Remove(node);
                    return;
                }
            }
        }
    }

    /// <summary>XxHash128 of every history's identifier, first month, volumes and producing days, in order.</summary>
    internal static UInt128 Fingerprint(IReadOnlyList<MonthlyHistory> histories)
    {
        var hash = new XxHash128();
        Span<byte> number = stackalloc byte[8];
        foreach (var history in histories)
        {
            hash.Append(Encoding.UTF8.GetBytes(history.Id));
            BitConverter.TryWriteBytes(number, ((long)history.Id.Length << 32) | (uint)history.FirstMonth);
            hash.Append(number);
            BitConverter.TryWriteBytes(number, (long)history.Volumes.Length);
            hash.Append(number);
            hash.Append(MemoryMarshal.AsBytes(history.Volumes.AsSpan()));
            hash.Append(MemoryMarshal.AsBytes(history.DaysOn.AsSpan()));
        }

        return hash.GetCurrentHashAsUInt128();
    }
}
