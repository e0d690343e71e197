using System.Diagnostics;
using Wellhouse.Decline;
using Wellhouse.Decline.Bench;

// Decline benchmark: wells per second of Wellhouse.Decline against SciPy's curve_fit on the same series and model.
// Usage: dotnet run -c Release --project bench/Wellhouse.Decline.Bench -- [--wells N]
if (args.Length >= 1 && args[0] == "--profile")
{
    Profile.Run(args.Length >= 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300, Console.Out);
    return;
}

var wells = args.Length >= 2 && args[0] == "--wells" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, " +
    $".NET {Environment.Version}, load average {LoadAverage()}");
Console.WriteLine($"model: Arps hyperbolic, b in [0, 2], log-rate residuals weighted by uptime; {wells} synthetic wells per scenario");
Console.WriteLine();
foreach (var scenario in new[]
{
    new Scenario("daily, 1,000 points", new SyntheticWellOptions { Frequency = SeriesFrequency.Daily, Periods = 1000 }),
    new Scenario("monthly, 120 points", new SyntheticWellOptions { Frequency = SeriesFrequency.Monthly, Periods = 120 }),
})
{
    scenario.Run(wells, Console.Out);
    Console.WriteLine();
}

static string LoadAverage()
{
    try
    {
        return File.ReadAllText("/proc/loadavg").Split(' ')[0];
    }
    catch (IOException)
    {
        return "n/a";
    }
}

/// <summary>Wall-clock and CPU-time measurement.</summary>
internal static partial class Timing
{
    public static double Seconds(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>CPU seconds of the process while <paramref name="action"/> runs (single-threaded work: per core).</summary>
    public static double CpuSeconds(Action action)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }
}
