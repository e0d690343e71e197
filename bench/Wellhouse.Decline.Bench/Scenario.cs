using System.Globalization;

namespace Wellhouse.Decline.Bench;

/// <summary>One benchmark scenario: a population of synthetic wells, timed in C# and in SciPy on the same points.</summary>
internal sealed class Scenario(string name, SyntheticWellOptions generator)
{
    private static readonly FitOptions Robust = FitOptions.Default with { Model = ModelSelection.Hyperbolic };
    private static readonly FitOptions Plain = Robust with { RobustIterations = 0 };

    public void Run(int count, TextWriter output)
    {
        var wells = Enumerable.Range(0, count).Select(i => SyntheticWellGenerator.Generate(i, generator)).ToArray();

        // Check the results before timing (Sep's benchmarks do the same): every well must fit.
        var plainFits = wells.Select(w => DeclineFitter.Fit(w.Series, Plain).Fit).ToArray();
        if (plainFits.Any(f => f is null))
        {
            throw new InvalidOperationException("a benchmark well could not be fit");
        }

        var scipy = ScipyReference.Run(wells, Plain);
        var plain = Best(() => FitAll(wells, Plain), Timing.CpuSeconds);
        var robust = Best(() => FitAll(wells, Robust), Timing.CpuSeconds);
        var auto = Best(() => FitAll(wells, FitOptions.Default), Timing.CpuSeconds);
        var parallel = Best(() => Parallel.ForEach(wells, w => DeclineFitter.Fit(w.Series, Robust)), Timing.Seconds);

        var both = 0;
        var within = 0;
        for (var i = 0; i < count; i++)
        {
            if (!scipy.Ok[i])
            {
                continue;
            }

            both++;
            var fit = plainFits[i]!;
            var qi = Math.Abs((fit.Qi / Math.Exp(scipy.LogQi[i])) - 1);
            var di = Math.Abs((fit.DiNominalPerYear!.Value / DeclineConversions.PerDayToPerYear(scipy.D[i])) - 1);
            var b = Math.Abs(fit.B!.Value - scipy.B[i]) / Math.Max(Math.Abs(scipy.B[i]), 0.01);
            within += qi <= 0.01 && di <= 0.01 && b <= 0.01 ? 1 : 0;
        }

        var scipyRate = count / scipy.Seconds;
        output.WriteLine($"{name}:");
        output.WriteLine(Line("SciPy curve_fit (trf, bounds), per CPU-s", scipyRate, scipyRate));
        output.WriteLine(Line("Wellhouse least squares, per CPU-s", count / plain, scipyRate));
        output.WriteLine(Line("Wellhouse robust (Huber IRLS), per CPU-s", count / robust, scipyRate));
        output.WriteLine(Line($"Wellhouse robust, {Environment.ProcessorCount} threads, wall clock", count / parallel, scipyRate));
        output.WriteLine(Line("Wellhouse auto (6 models, BIC), per CPU-s", count / auto, scipyRate));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  parameters within 1 % of SciPy (qi, Di, b) where both converged: {within}/{both} (SciPy converged on {both}/{count})"));
    }

    private static void FitAll(SyntheticWell[] wells, FitOptions options)
    {
        foreach (var well in wells)
        {
            _ = DeclineFitter.Fit(well.Series, options);
        }
    }

    /// <summary>Best of three runs after a warm-up (the machine is shared; the best run is the least disturbed).</summary>
    private static double Best(Action action, Func<Action, double> measure)
    {
        action();
        return Enumerable.Range(0, 3).Min(_ => measure(action));
    }

    private static string Line(string what, double wellsPerSecond, double scipy) =>
        string.Create(CultureInfo.InvariantCulture, $"  {what,-42} {wellsPerSecond,10:F0} wells/s  {wellsPerSecond / scipy,6:F1}x SciPy");
}
