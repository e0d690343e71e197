namespace Wellhouse.Decline;

public static partial class DeclineFitter
{
    private const double MinDecline = 1e-9;
    private const double MaxDecline = 10;
    private const double MaxDuongA = 20;

    /// <summary>
    /// Why a Duong fit is refused, or null: the decline at t = 0 is m - a (per day), so a &gt; m makes the curve rise
    /// from t0 (qi then collapses towards zero and the decline is negative), and a at its bound means the data did not
    /// determine a. Such fits are degenerate, not a shape of the data.
    /// </summary>
    internal static string? DuongRejection(double a, double m) =>
        a > m ? $"the Duong fit rises at t0 (a = {a:G4} > m = {m:G4})"
        : a >= MaxDuongA * (1 - 1e-9) ? $"the Duong fit's a reached its bound {MaxDuongA}"
        : null;

    /// <summary>Fits one model, starting from the best previous candidate where it is a good start.</summary>
    internal static Candidate? FitModel(
        DeclineModelKind kind, FitData data, double d0, FitOptions options, Candidate? previous)
    {
        Span<double> p = stackalloc double[LevenbergMarquardt.MaxParameters];
        Span<double> lo = stackalloc double[LevenbergMarquardt.MaxParameters];
        Span<double> hi = stackalloc double[LevenbergMarquardt.MaxParameters];
        switch (kind)
        {
            case DeclineModelKind.Exponential:
            case DeclineModelKind.Harmonic:
                var b = kind == DeclineModelKind.Exponential ? 0 : 1;
                (p[0], lo[0], hi[0]) = (b == 0 ? d0 : 1.5 * d0, MinDecline, MaxDecline);
                return SolveRobust(new FixedBShape(b), kind, data, p, lo, hi, options);
            case DeclineModelKind.Hyperbolic:
            case DeclineModelKind.ModifiedHyperbolic:
                if (previous is { Kind: DeclineModelKind.Hyperbolic } h)
                {
                    (p[0], p[1]) = (h.Parameters[0], h.Parameters[1]);
                }
                else
                {
                    HyperbolicGuess(data, d0, options, out p[0], out p[1]);
                }

                (lo[0], hi[0], lo[1], hi[1]) = (MinDecline, MaxDecline, options.MinB, options.MaxB);
                if (kind == DeclineModelKind.Hyperbolic)
                {
                    return SolveRobust(default(HyperbolicShape), kind, data, p, lo, hi, options);
                }

                var dlim = DeclineConversions.TerminalDeclinePerDay(options.DminEffectivePerYear);
                return SolveRobust(new ModifiedHyperbolicShape(dlim), kind, data, p, lo, hi, options);
            case DeclineModelKind.Duong:
                DuongGuess(data, out p[0], out p[1]);
                (lo[0], hi[0], lo[1], hi[1]) = (1e-8, MaxDuongA, 1.001, 4);
                var duong = SolveRobust(default(DuongShape), kind, data, p, lo, hi, options);
                return duong is null || DuongRejection(duong.Parameters[0], duong.Parameters[1]) is null ? duong : null;
            case DeclineModelKind.StretchedExponential:
                StretchedGuess(data, out p[0], out p[1]);
                (lo[0], hi[0], lo[1], hi[1]) = (1e-3, 1e8, 0.05, 1);
                return SolveRobust(default(StretchedExponentialShape), kind, data, p, lo, hi, options);
            default:
                return null;
        }
    }

    /// <summary>
    /// A plain (non-robust) solve of one model from a start <paramref name="p"/> with fixed weights; the bootstrap's
    /// refit. Returns false when the optimizer found no finite solution.
    /// </summary>
    internal static bool SolvePlain(
        DeclineModelKind kind, ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> w, Span<double> p,
        FitOptions options, out double logQi)
    {
        Span<double> lo = stackalloc double[LevenbergMarquardt.MaxParameters];
        Span<double> hi = stackalloc double[LevenbergMarquardt.MaxParameters];
        (lo[0], hi[0], lo[1], hi[1]) = kind switch
        {
            DeclineModelKind.Duong => (1e-8, MaxDuongA, 1.001, 4.0),
            DeclineModelKind.StretchedExponential => (1e-3, 1e8, 0.05, 1.0),
            _ => (MinDecline, MaxDecline, options.MinB, options.MaxB),
        };
        var result = kind switch
        {
            DeclineModelKind.Exponential => LevenbergMarquardt.Solve(new FixedBShape(0), t, y, w, p, lo, hi, options.MaxIterations),
            DeclineModelKind.Harmonic => LevenbergMarquardt.Solve(new FixedBShape(1), t, y, w, p, lo, hi, options.MaxIterations),
            DeclineModelKind.Hyperbolic => LevenbergMarquardt.Solve(default(HyperbolicShape), t, y, w, p, lo, hi, options.MaxIterations),
            DeclineModelKind.ModifiedHyperbolic => LevenbergMarquardt.Solve(
                new ModifiedHyperbolicShape(DeclineConversions.TerminalDeclinePerDay(options.DminEffectivePerYear)),
                t, y, w, p, lo, hi, options.MaxIterations),
            DeclineModelKind.Duong => LevenbergMarquardt.Solve(default(DuongShape), t, y, w, p, lo, hi, options.MaxIterations),
            _ => LevenbergMarquardt.Solve(default(StretchedExponentialShape), t, y, w, p, lo, hi, options.MaxIterations),
        };
        logQi = result.LogQi;
        return double.IsFinite(result.Cost) && double.IsFinite(logQi);
    }

    /// <summary>Weighted regression ln q = a - D t: the exponential fit, and the start of every other fit.</summary>
    internal static bool ExponentialGuess(FitData data, out double decline, out double intercept) =>
        LineFit(data.T, data.Y, data.Uptime, 0, data.Count, out decline, out intercept, negate: true);

    /// <summary>
    /// Hyperbolic start from the instantaneous decline D(t) = Di / (1 + b Di t) (Arps 1945): 1/D is linear in t with
    /// slope b and intercept 1/Di, so local exponential declines of the four quarters of the data give b and Di by
    /// a straight-line fit.
    /// </summary>
    internal static void HyperbolicGuess(FitData data, double d0, FitOptions options, out double di, out double b)
    {
        const int Parts = 4;
        Span<double> mid = stackalloc double[Parts];
        Span<double> inverse = stackalloc double[Parts];
        var used = 0;
        var n = data.Count;
        for (var q = 0; q < Parts; q++)
        {
            var from = q * n / Parts;
            var to = (q + 1) * n / Parts;
            if (to - from >= 3 && LineFit(data.T, data.Y, data.Uptime, from, to, out var d, out _, negate: true) && d > 0)
            {
                mid[used] = 0.5 * (data.T[from] + data.T[to - 1]);
                inverse[used] = 1 / d;
                used++;
            }
        }

        di = 2 * d0;
        b = Math.Clamp(0.5, options.MinB, options.MaxB);
        if (used >= 2 && LineFit(mid[..used], inverse[..used], default, 0, used, out var slope, out var c, negate: false))
        {
            if (c > 0)
            {
                di = 1 / c;
            }

            b = Math.Clamp(slope, options.MinB, options.MaxB);
        }

        di = Math.Clamp(di, Math.Min(d0, MaxDecline), MaxDecline);
    }

    /// <summary>Duong start: m from the log-log slope, then a by linear least squares for that m (SPE-137748).</summary>
    private static void DuongGuess(FitData data, out double a, out double m)
    {
        var n = data.Count;
        var logT = new double[n];
        for (var i = 0; i < n; i++)
        {
            logT[i] = Math.Log(1 + data.T[i]);
        }

        m = LineFit(logT, data.Y, data.Uptime, 0, n, out var slope, out _, negate: true) ? Math.Clamp(slope, 1.05, 3.9) : 1.2;
        var g = new double[n];
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            g[i] = NumericHelpers.Expm1((1 - m) * logT[i]) / (1 - m);
            z[i] = data.Y[i] + (m * logT[i]);
        }

        a = LineFit(g, z, data.Uptime, 0, n, out var fitA, out _, negate: false) ? Math.Clamp(fitA, 1e-6, 19) : 0.1;
    }

    /// <summary>Stretched exponential start: n = 0.5, then tau from the regression of ln q on t^n (SPE-119369).</summary>
    private static void StretchedGuess(FitData data, out double tau, out double n)
    {
        n = 0.5;
        var x = new double[data.Count];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = Math.Sqrt(data.T[i]);
        }

        tau = LineFit(x, data.Y, data.Uptime, 0, x.Length, out var c, out _, negate: true) && c > 0
            ? Math.Clamp(Math.Pow(c, -1 / n), 1e-2, 1e7)
            : 365;
    }

    /// <summary>Weighted least-squares line y = intercept + slope x over [from, to); slope negated when asked.</summary>
    private static bool LineFit(
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> w, int from, int to,
        out double slope, out double intercept, bool negate)
    {
        double sw = 0, sx = 0, sy = 0;
        for (var i = from; i < to; i++)
        {
            var wi = w.IsEmpty ? 1 : w[i];
            sw += wi;
            sx += wi * x[i];
            sy += wi * y[i];
        }

        slope = 0;
        intercept = 0;
        if (!(sw > 0))
        {
            return false;
        }

        double mx = sx / sw, my = sy / sw, sxx = 0, sxy = 0;
        for (var i = from; i < to; i++)
        {
            var wi = w.IsEmpty ? 1 : w[i];
            var dx = x[i] - mx;
            sxx += wi * dx * dx;
            sxy += wi * dx * (y[i] - my);
        }

        if (!(sxx > 0))
        {
            return false;
        }

        slope = sxy / sxx;
        intercept = my - (slope * mx);
        slope = negate ? -slope : slope;
        return double.IsFinite(slope);
    }
}
