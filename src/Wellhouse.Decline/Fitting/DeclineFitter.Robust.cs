using System.Buffers;

namespace Wellhouse.Decline;

public static partial class DeclineFitter
{
    /// <summary>
    /// Least squares, then Huber IRLS rounds (Huber 1964; Holland and Welsch 1977, "Robust regression using
    /// iteratively reweighted least-squares"): weight_i = uptime_i x min(1, c s / |e_i|) with the robust scale
    /// s = 1.4826 median |e| (Hampel 1974), each round warm-started from the previous solution.
    /// </summary>
    internal static Candidate? SolveRobust<TShape>(
        TShape shape, DeclineModelKind kind, FitData data, Span<double> p, ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper, FitOptions options)
        where TShape : struct, ILogRateShape
    {
        var n = data.Count;
        var weights = (double[])data.Uptime.Clone();
        var result = LevenbergMarquardt.Solve(shape, data.T, data.Y, weights, p, lower, upper, options.MaxIterations);
        var iterations = result.Iterations;
        if (!double.IsFinite(result.Cost))
        {
            return null;
        }

        var scratch = ArrayPool<double>.Shared.Rent(2 * n);
        try
        {
            var residuals = scratch.AsSpan(0, n);
            var absolute = scratch.AsSpan(n, n);
            for (var round = 0; round < options.RobustIterations; round++)
            {
                LevenbergMarquardt.Residuals(shape, data.T, data.Y, p, result.LogQi, residuals);
                for (var i = 0; i < n; i++)
                {
                    absolute[i] = Math.Abs(residuals[i]);
                }

                var scale = RobustStatistics.MadToSigma * RobustStatistics.Median(absolute);
                if (!(scale > 1e-9))
                {
                    break;
                }

                var threshold = options.HuberThreshold * scale;
                var change = 0.0;
                for (var i = 0; i < n; i++)
                {
                    var e = Math.Abs(residuals[i]);
                    var h = e <= threshold ? 1 : threshold / e;
                    var wNew = data.Uptime[i] * h;
                    change = Math.Max(change, Math.Abs(wNew - weights[i]));
                    weights[i] = wNew;
                }

                if (change < 1e-3)
                {
                    break;
                }

                // Reweighted rounds start next to the solution (Gauss-Newton steps, small damping) and stop at a
                // relative step of 1e-7: far below the statistical error of noisy data.
                result = LevenbergMarquardt.Solve(shape, data.T, data.Y, weights, p, lower, upper, options.MaxIterations, 1e-7, 1e-7);
                iterations += result.Iterations;
                if (!double.IsFinite(result.Cost))
                {
                    return null;
                }
            }

            LevenbergMarquardt.Residuals(shape, data.T, data.Y, p, result.LogQi, residuals);
            var sse = 0.0;
            for (var i = 0; i < n; i++)
            {
                sse += data.Uptime[i] * residuals[i] * residuals[i];
            }

            return new Candidate(kind, p[..shape.Count].ToArray(), result.LogQi, weights, iterations, result.Converged)
            {
                Sse = sse,
                ParameterCount = shape.Count + 1,
            };
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }
}
