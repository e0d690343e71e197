namespace Wellhouse.Decline;

/// <summary>The outcome of one Levenberg-Marquardt solve.</summary>
internal readonly record struct SolveResult(double LogQi, double Cost, int Iterations, bool Converged);

/// <summary>
/// Bounded Levenberg-Marquardt (Levenberg 1944; Marquardt 1963, with Marquardt's diagonal scaling) on weighted
/// log-rate residuals r_i = sqrt(w_i) (ln qi + f(t_i; p) - y_i), with ln qi eliminated by variable projection
/// (Golub and Pereyra 1973): for given p the optimal ln qi is the weighted mean of y - f, and the Jacobian of the
/// projected residual is the gradient of f minus its weighted mean (exact, since ln qi enters linearly).
/// Bounds are kept by projection with an active set: a parameter at a bound whose step points outward is frozen
/// for that step. All sums come from one pass over the data per trial point; nothing is allocated.
/// </summary>
internal static partial class LevenbergMarquardt
{
    public const int MaxParameters = 3;

    public static SolveResult Solve<TShape>(
        TShape shape, ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> w,
        Span<double> p, ReadOnlySpan<double> lower, ReadOnlySpan<double> upper, int maxIterations,
        double stepTolerance = 1e-9, double initialLambda = 1e-3)
        where TShape : struct, ILogRateShape
    {
        var k = shape.Count;
        Span<double> jtj = stackalloc double[MaxParameters * MaxParameters];
        Span<double> jtr = stackalloc double[MaxParameters];
        Span<double> trialJtj = stackalloc double[MaxParameters * MaxParameters];
        Span<double> trialJtr = stackalloc double[MaxParameters];
        Span<double> trial = stackalloc double[MaxParameters];
        Span<double> step = stackalloc double[MaxParameters];
        Span<double> system = stackalloc double[MaxParameters * MaxParameters];
        Span<double> rhs = stackalloc double[MaxParameters];
        Span<bool> frozen = stackalloc bool[MaxParameters];

        for (var j = 0; j < k; j++)
        {
            p[j] = Math.Clamp(p[j], lower[j], upper[j]);
        }

        var reference = WeightedMean(y, w);
        var cost = Evaluate(shape, t, y, w, p, reference, out var logQi, jtj, jtr);
        if (!double.IsFinite(cost))
        {
            return new SolveResult(logQi, cost, 0, false);
        }

        var lambda = initialLambda;
        var iterations = 0;
        var converged = false;
        while (iterations < maxIterations)
        {
            iterations++;
            frozen.Clear();
            for (var j = 0; j < k; j++)
            {
                // Projected gradient: at a bound with the descent direction pointing outward, freeze.
                frozen[j] = (p[j] <= lower[j] && jtr[j] > 0) || (p[j] >= upper[j] && jtr[j] < 0)
                    || !(jtj[(j * k) + j] > 1e-300);
            }

            if (!BuildStep(k, jtj, jtr, lambda, frozen, system, rhs, step))
            {
                lambda *= 10;
                if (lambda > 1e16)
                {
                    break;
                }

                continue;
            }

            var proposed = 0.0;
            for (var j = 0; j < k; j++)
            {
                trial[j] = Math.Clamp(p[j] + step[j], lower[j], upper[j]);
                proposed = Math.Max(proposed, Math.Abs(trial[j] - p[j]) / (Math.Abs(p[j]) + 1e-12));
            }

            // A nearly undamped step below the tolerance means the minimum is reached: stop before evaluating it
            // (at the minimum, rounding in the cost would only cause a run of rejected trials).
            if (proposed <= 1e-15 || (proposed < stepTolerance && lambda <= 1e-2))
            {
                converged = true;
                break;
            }

            var trialCost = Evaluate(shape, t, y, w, trial, logQi, out var trialLogQi, trialJtj, trialJtr);
            if (double.IsFinite(trialCost) && trialCost <= cost)
            {
                var decrease = cost - trialCost;
                trial[..k].CopyTo(p);
                trialJtj.CopyTo(jtj);
                trialJtr.CopyTo(jtr);
                logQi = trialLogQi;
                cost = trialCost;
                lambda = Math.Max(lambda / 5, 1e-12);
                var relativeStep = 0.0;
                for (var j = 0; j < k; j++)
                {
                    relativeStep = Math.Max(relativeStep, Math.Abs(step[j]) / (Math.Abs(p[j]) + 1e-12));
                }

                // Converged: the cost stopped falling or the step is below the tolerance relative to the parameters (MINPACK's xtol idea,
                // More 1978); quadratic convergence near the minimum makes the last parameters far more precise.
                if (decrease <= 1e-12 * cost || cost < 1e-28 || relativeStep < stepTolerance)
                {
                    converged = true;
                    break;
                }
            }
            else
            {
                lambda *= 4;
                if (lambda > 1e16)
                {
                    converged = true; // no descent left at machine precision
                    break;
                }
            }
        }

        return new SolveResult(logQi, cost, iterations, converged);
    }

    /// <summary>Solves (JtJ + lambda diag(JtJ)) step = -Jtr on the free parameters by Cholesky.</summary>
    private static bool BuildStep(
        int k, ReadOnlySpan<double> jtj, ReadOnlySpan<double> jtr, double lambda, ReadOnlySpan<bool> frozen,
        Span<double> system, Span<double> rhs, Span<double> step)
    {
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < k; c++)
            {
                system[(r * k) + c] = frozen[r] || frozen[c] ? (r == c ? 1 : 0) : jtj[(r * k) + c];
            }

            var diag = jtj[(r * k) + r];
            system[(r * k) + r] += frozen[r] ? 0 : lambda * Math.Max(diag, 1e-300);
            rhs[r] = frozen[r] ? 0 : -jtr[r];
        }

        return SmallCholesky.Solve(k, system, rhs, step);
    }

    /// <summary>
    /// One pass: the projected ln qi, the cost sum w (ln qi + f - y)^2, and the normal equations of the projected
    /// problem. Sums are taken around <paramref name="reference"/> (a previous ln qi) to avoid cancellation.
    /// </summary>
    internal static double Evaluate<TShape>(
        TShape shape, ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> w,
        ReadOnlySpan<double> p, double reference, out double logQi, Span<double> jtj, Span<double> jtr)
        where TShape : struct, ILogRateShape
    {
        var k = shape.Count;
        Span<double> g = stackalloc double[MaxParameters];
        Span<double> sg = stackalloc double[MaxParameters];
        Span<double> sgd = stackalloc double[MaxParameters];
        Span<double> sgg = stackalloc double[MaxParameters * MaxParameters];
        sg.Clear();
        sgd.Clear();
        sgg.Clear();
        g.Clear();
        double sw = 0, sd = 0, sdd = 0;
        var switchTime = double.PositiveInfinity;
        var terminal = 0.0;
        if (typeof(TShape) == typeof(HyperbolicShape)
            || (typeof(TShape) == typeof(ModifiedHyperbolicShape)
                && SimdSwitch((ModifiedHyperbolicShape)(object)shape, p, out switchTime, out terminal)))
        {
            // The main models: a SIMD pass (the JIT removes these type tests for the other shapes).
            var sums = HyperbolicSums(t, y, w, p[0], p[1], reference, switchTime, terminal);
            (sw, sd, sdd) = (sums.W, sums.D, sums.DD);
            sums.CopyGradientSums(2, sg, sgd, sgg);
        }
        else if (typeof(TShape) == typeof(FixedBShape))
        {
            // Exponential and harmonic: the hyperbolic SIMD pass at the fixed b, keeping the Di sums only.
            var sums = HyperbolicSums(t, y, w, p[0], ((FixedBShape)(object)shape).B, reference, double.PositiveInfinity, 0);
            (sw, sd, sdd) = (sums.W, sums.D, sums.DD);
            sums.CopyGradientSums(1, sg, sgd, sgg);
        }
        else if (typeof(TShape) == typeof(DuongShape) || typeof(TShape) == typeof(StretchedExponentialShape))
        {
            var sums = TranscendentalSums(shape, t, y, w, p, reference);
            (sw, sd, sdd) = (sums.W, sums.D, sums.DD);
            sums.CopyGradientSums(2, sg, sgd, sgg);
        }
        else if (k <= 2)
        {
            // Hot path for one and two parameters (g[1] stays 0 for one parameter).
            NormalSums sums = default;
            for (var i = 0; i < t.Length; i++)
            {
                var wi = w[i];
                if (wi <= 0)
                {
                    continue;
                }

                var f = shape.Evaluate(t[i], p, g);
                sums.Add(wi, y[i] - f - reference, g[0], g[1]);
            }

            (sw, sd, sdd) = (sums.W, sums.D, sums.DD);
            sums.CopyGradientSums(k, sg, sgd, sgg);
        }
        else
        {
            for (var i = 0; i < t.Length; i++)
            {
                var wi = w[i];
                if (wi <= 0)
                {
                    continue;
                }

                var f = shape.Evaluate(t[i], p, g);
                var d = y[i] - f - reference;
                sw += wi;
                sd += wi * d;
                sdd += wi * d * d;
                for (var a = 0; a < k; a++)
                {
                    var wga = wi * g[a];
                    sg[a] += wga;
                    sgd[a] += wga * d;
                    for (var c = 0; c <= a; c++)
                    {
                        sgg[(a * k) + c] += wga * g[c];
                    }
                }
            }
        }

        var mean = sd / sw;
        logQi = reference + mean;
        for (var a = 0; a < k; a++)
        {
            jtr[a] = (sg[a] * mean) - sgd[a];
            for (var c = 0; c <= a; c++)
            {
                var v = sgg[(a * k) + c] - (sg[a] * sg[c] / sw);
                jtj[(a * k) + c] = v;
                jtj[(c * k) + a] = v;
            }
        }

        return Math.Max(sdd - (sd * mean), 0);
    }

    private static double WeightedMean(ReadOnlySpan<double> y, ReadOnlySpan<double> w)
    {
        double sw = 0, s = 0;
        for (var i = 0; i < y.Length; i++)
        {
            if (w[i] > 0)
            {
                sw += w[i];
                s += w[i] * y[i];
            }
        }

        return sw > 0 ? s / sw : 0;
    }
}
