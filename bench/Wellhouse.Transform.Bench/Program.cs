using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Wellhouse.Transform.Bench;

// `--quick`: one generated project, a warm-up run and five timed runs of parse + compile, printed in milliseconds.
// Otherwise BenchmarkDotNet runs the benchmarks named on the command line.
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
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (parse, compile) = ParseCompileBenchmark.Timed(directory);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"run {run}: parse + compile {watch.Elapsed.TotalMilliseconds:F0} ms wall, {cpu.TotalMilliseconds:F0} ms CPU (parse {parse.TotalMilliseconds:F0} ms, compile {compile.TotalMilliseconds:F0} ms)");
        }
    }
    finally
    {
        Directory.Delete(directory, recursive: true);
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ParseCompileBenchmark).Assembly).Run(args);
