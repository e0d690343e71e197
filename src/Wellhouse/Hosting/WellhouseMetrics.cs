using System.Diagnostics.Metrics;
using Wellhouse.Snapshots;

namespace Wellhouse.Hosting;

/// <summary>
/// The application's own Prometheus metrics (meter <c>Wellhouse</c>; request latency comes from the ASP.NET Core
/// instrumentation): refresh duration and outcome, failing tests, and the age of the served snapshot.
/// </summary>
internal sealed class WellhouseMetrics : IDisposable
{
    public const string MeterName = "Wellhouse";

    private readonly Meter _meter;
    private readonly Histogram<double> _refreshDuration;
    private readonly Counter<long> _testFailures;

    public WellhouseMetrics(IMeterFactory meters, SnapshotProvider snapshots, TimeProvider time)
    {
        _meter = meters.Create(MeterName);
        _refreshDuration = _meter.CreateHistogram<double>("wellhouse.refresh.duration", "s", "Duration of refresh runs, by status.");
        _testFailures = _meter.CreateCounter<long>("wellhouse.refresh.test_failures", description: "Failing data tests (fail or warn) in refreshes.");
        _meter.CreateObservableGauge("wellhouse.snapshot.age", () =>
            snapshots.Current is { } current ? (time.GetUtcNow() - current.Info.BuiltAt).TotalSeconds : double.NaN,
            "s", "Age of the served snapshot.");
    }

    public void RefreshFinished(string status, double seconds, long failingTests)
    {
        _refreshDuration.Record(seconds, new KeyValuePair<string, object?>("status", status));
        if (failingTests > 0)
        {
            _testFailures.Add(failingTests);
        }
    }

    public void Dispose() => _meter.Dispose();
}
