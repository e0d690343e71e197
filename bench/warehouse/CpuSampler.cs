using System.Diagnostics;

namespace Wellhouse.Warehouse.Bench;

/// <summary>The process's CPU time (user + system, DuckDB's threads included) sampled every 50 ms while a build runs,
/// so that each node's CPU-seconds can be read from its start and end times. Meaningful when the engine runs one node
/// at a time (the targets' threads: 1): then the CPU between a node's start and end is that node's.</summary>
internal sealed class CpuSampler : IDisposable
{
    private readonly List<(DateTimeOffset At, double CpuSeconds)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public CpuSampler()
    {
        Sample();
        _thread = new Thread(() =>
        {
            while (!_stop.Token.WaitHandle.WaitOne(50))
            {
                Sample();
            }
        }) { IsBackground = true, Name = "cpu sampler" };
        _thread.Start();
    }

    /// <summary>The CPU-seconds between two moments, each interpolated between the samples around it.</summary>
    public double Between(DateTimeOffset start, DateTimeOffset end)
    {
        lock (_samples)
        {
            return At(end) - At(start);
        }
    }

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        _stop.Cancel();
        _thread.Join();
        Sample();
    }

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var sample = (DateTimeOffset.UtcNow, process.TotalProcessorTime.TotalSeconds);
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }

    private double At(DateTimeOffset moment)
    {
        var index = _samples.FindIndex(sample => sample.At >= moment);
        if (index < 0)
        {
            return _samples[^1].CpuSeconds;
        }

        if (index == 0)
        {
            return _samples[0].CpuSeconds;
        }

        var (before, after) = (_samples[index - 1], _samples[index]);
        var span = (after.At - before.At).TotalSeconds;
        var fraction = span <= 0 ? 1 : (moment - before.At).TotalSeconds / span;
        return before.CpuSeconds + (fraction * (after.CpuSeconds - before.CpuSeconds));
    }
}
