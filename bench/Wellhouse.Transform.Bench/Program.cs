using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Wellhouse.Transform.Bench;

// `--quick [models]`: parse + compile of a generated project: a warm-up run and five timed runs, in milliseconds.
// `--quick-overhead`: the engine's overhead per node (EngineOverheadBenchmarks' comparison, by stopwatch).
// Otherwise BenchmarkDotNet runs the benchmarks named on the command line, e.g. --filter '*EngineOverhead*'.
if (args.Length > 0 && args[0] == "--quick")
{
    var directory = Directory.CreateTempSubdirectory("wellhouse-bench-").FullName;
    try
    {
        var models = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        ProjectGenerator.Write(directory, models);
        var nodes = ParseCompileBenchmark.ParseAndCompile(directory);
        Console.WriteLine($"warm-up: {nodes} nodes");
        for (var run = 1; run <= 5; run++)
        {
            var watch = Stopwatch.StartNew();
            ParseCompileBenchmark.ParseAndCompile(directory);
            Console.WriteLine($"run {run}: parse + compile {watch.Elapsed.TotalMilliseconds:F0} ms");
        }
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }

    return;
}

if (args.Length > 0 && args[0] == "--quick-overhead")
{
    QuickOverhead();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ParseCompileBenchmark).Assembly).Run(args);

// A stopwatch measurement of the same comparison as EngineOverheadBenchmarks, in seconds instead of minutes.
static void QuickOverhead()
{
    const int length = 200;
    using var project = new ChainProject(length);
    project.Build();
    project.DirectSql();
    var engine = double.MaxValue;
    var direct = double.MaxValue;
    for (var i = 0; i < 5; i++)
    {
        var clock = Stopwatch.StartNew();
        project.DirectSql();
        direct = Math.Min(direct, clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        project.Build();
        engine = Math.Min(engine, clock.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{length} nodes: engine {engine:F0} ms, direct SQL {direct:F0} ms, overhead {(engine - direct) / length:F2} ms/node (best of 5)"));
}
