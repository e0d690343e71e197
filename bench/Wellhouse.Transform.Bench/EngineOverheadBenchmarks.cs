using BenchmarkDotNet.Attributes;
using Wellhouse.Transform.Execution;

namespace Wellhouse.Transform.Bench;

/// <summary>
/// The engine's overhead per node: a chain of 200 trivial view/table models built by the engine, against the same DDL
/// run directly. Overhead per node = (EngineBuild - DirectSql) / 200.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class EngineOverheadBenchmarks
{
    private const int Length = 200;
    private ChainProject? project;

    [GlobalSetup]
    public void Setup()
    {
        project = new ChainProject(Length);
        var outcome = project.Build();
        if (!outcome.Success || outcome.Results.Count != Length)
        {
            throw new InvalidOperationException("the benchmark project does not build: " + outcome.Results.FirstOrDefault(r => r.Status != NodeStatus.Success));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => project?.Dispose();

    [Benchmark(Baseline = true)]
    public void DirectSql() => project!.DirectSql();

    [Benchmark]
    public RunOutcome EngineBuild() => project!.Build();
}
