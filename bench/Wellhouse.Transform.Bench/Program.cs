using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Wellhouse.Transform.Bench;

// `--quick [models] [package macros] [runs]`: parse + compile of a generated project (with a package of that many
// macros installed, e.g. `--quick 1000 300`): three warm-up runs, then [runs] (default 5) timed runs and their median, in
// milliseconds. The first runs of a process are mostly JIT (tiered compilation; 2x the steady CPU time), so the
// warm-ups keep JIT progress out of the comparison between builds.
// `--generate <dir> [models]`: write the generated project only.
// `--quick-overhead`: the engine's overhead per node (EngineOverheadBenchmarks' comparison, by stopwatch).
// `--incremental [rows] [strategy]`: full build vs incremental run (IncrementalBenchmark).
// Otherwise BenchmarkDotNet runs the benchmarks named on the command line, e.g. --filter '*EngineOverhead*'.
if (args.Length > 0 && args[0] == "--quick")
{
    var directory = Directory.CreateTempSubdirectory("wellhouse-bench-").FullName;
    try
    {
        var models = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var packageMacros = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        ProjectGenerator.Write(directory, models, packageMacros);
        using var self = Process.GetCurrentProcess();
        for (var warmUp = 1; warmUp <= 3; warmUp++)
        {
            var (wall, cpu) = Measure(self, () => ParseCompileBenchmark.ParseAndCompile(directory));
            Console.WriteLine($"warm-up {warmUp}: parse + compile {wall:F0} ms wall, {cpu:F0} ms CPU");
        }

        var cpus = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            // CPU time is this process's, all threads (GC and JIT included): on a shared machine it is what the run cost.
            // Allocated bytes do not depend on the machine's load: the steadiest figure to compare builds with.
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var (wall, cpu) = Measure(self, () => ParseCompileBenchmark.ParseAndCompile(directory));
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0;
            cpus.Add(cpu);
            Console.WriteLine($"run {run}: parse + compile {wall:F0} ms wall, {cpu:F0} ms CPU, {allocated:F0} MiB allocated");
        }

        cpus.Sort();
        Console.WriteLine($"median: {cpus[cpus.Count / 2]:F0} ms CPU (min {cpus[0]:F0})");
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }

    return;
}

// `--generate <dir> [models]`: writes the generated project, e.g. to time `wellhouse build` on it.
if (args.Length > 1 && args[0] == "--generate")
{
    ProjectGenerator.Write(args[1], args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000);
    return;
}

// `--incremental [rows] [strategy]`: full build vs an incremental run adding 0.1 % rows (default 10,000,000, delete+insert).
if (args.Length > 0 && args[0] == "--incremental")
{
    IncrementalBenchmark.Run(
        args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000,
        args.Length > 2 ? args[2] : "delete+insert");
    return;
}

// `--threads-wide [models] [rows] [repeats]`: --threads 1 vs 2 on a wide DAG of heavy models (ThreadsWideBenchmark).
if (args.Length > 0 && args[0] == "--threads-wide")
{
    ThreadsWideBenchmark.Run(args[1..]);
    return;
}

if (args.Length > 0 && args[0] == "--quick-overhead")
{
    QuickOverhead();
    return;
}

// A generous build timeout: the shared 2-core machine often needs more than BenchmarkDotNet's default 2 minutes.
var config = ManualConfig.Create(DefaultConfig.Instance);
config.BuildTimeout = TimeSpan.FromMinutes(10);
BenchmarkSwitcher.FromAssembly(typeof(ParseCompileBenchmark).Assembly).Run(args, config);

// A stopwatch measurement of the same comparison as EngineOverheadBenchmarks, in seconds instead of minutes.
static void QuickOverhead()
{
    const int length = 200;
    using var project = new ChainProject(length);
    project.Build();
    project.DirectSql();
    var engine = double.MaxValue;
    var direct = double.MaxValue;
    var engineCpu = double.MaxValue;
    var directCpu = double.MaxValue;
    using var process = Process.GetCurrentProcess();
    for (var i = 0; i < 5; i++)
    {
        var (wall, cpu) = Measure(process, project.DirectSql);
        direct = Math.Min(direct, wall);
        directCpu = Math.Min(directCpu, cpu);
        (wall, cpu) = Measure(process, () => project.Build());
        engine = Math.Min(engine, wall);
        engineCpu = Math.Min(engineCpu, cpu);
    }

    // Wall time on a shared machine carries other processes' load; CPU time (this process, DuckDB included) does not.
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{length} nodes: wall engine {engine:F0} ms, direct SQL {direct:F0} ms, overhead {(engine - direct) / length:F2} ms/node; "
        + $"CPU engine {engineCpu:F0} ms, direct SQL {directCpu:F0} ms, overhead {(engineCpu - directCpu) / length:F2} ms/node (best of 5)"));
}

static (double Wall, double Cpu) Measure(Process process, Action action)
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    action();
    var wall = clock.Elapsed.TotalMilliseconds;
    process.Refresh();
    return (wall, (process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
}
