using System.Globalization;

namespace Wellhouse.Decline.Bench;

/// <summary>Stopwatch profile of a fit's steps on daily wells: `-- --profile [N]`.</summary>
internal static class Profile
{
    public static void Run(int count, TextWriter output)
    {
        var monthly = Environment.GetEnvironmentVariable("PROFILE_MONTHLY") == "1";
        var options = monthly
            ? new SyntheticWellOptions { Frequency = SeriesFrequency.Monthly, Periods = 120 }
            : new SyntheticWellOptions { Frequency = SeriesFrequency.Daily, Periods = 1000 };
        var wells = Enumerable.Range(0, count).Select(i => SyntheticWellGenerator.Generate(i, options)).ToArray();
        var robust = FitOptions.Default with { Model = ModelSelection.Hyperbolic };
        void Step(string what, Action<SyntheticWell> action)
        {
            for (var warm = 0; warm < 5; warm++)
            {
                foreach (var w in wells)
                {
                    action(w);
                }
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Enumerable.Range(0, 3).Min(_ => Timing.CpuSeconds(() =>
            {
                foreach (var w in wells)
                {
                    action(w);
                }
            }));
            var bytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 3.0 / count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {what,-28} {cpu / count * 1e6,8:F1} us/well {bytes,10:F0} B/well"));
        }

        foreach (var r in new[] { 0, 1, 2 })
        {
            var its = wells.Average(w => DeclineFitter.Fit(w.Series, robust with { RobustIterations = r }).Fit!.Quality.Iterations);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  robust rounds {r}: mean iterations {its:F2}"));
        }

        Step("prepare", w => DeclineFitter.Prepare(w.Series, robust, out _));
        Step("fit hyperbolic, plain", w => DeclineFitter.Fit(w.Series, robust with { RobustIterations = 0 }));
        Step("fit hyperbolic, 1 round", w => DeclineFitter.Fit(w.Series, robust with { RobustIterations = 1 }));
        Step("fit hyperbolic, robust", w => DeclineFitter.Fit(w.Series, robust));
        Step("fit arps", w => DeclineFitter.Fit(w.Series, FitOptions.Default with { Model = ModelSelection.Arps }));
        foreach (var m in new[] { ModelSelection.Exponential, ModelSelection.Harmonic, ModelSelection.ModifiedHyperbolic, ModelSelection.Duong, ModelSelection.StretchedExponential })
        {
            Step($"fit {m}", w => DeclineFitter.Fit(w.Series, FitOptions.Default with { Model = m }));
        }

        Step("fit auto", w => DeclineFitter.Fit(w.Series, FitOptions.Default));
        Step("prepare (again, warm)", w => DeclineFitter.Prepare(w.Series, robust, out _));
    }
}
