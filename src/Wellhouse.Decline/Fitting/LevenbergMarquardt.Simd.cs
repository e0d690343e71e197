using System.Runtime.Intrinsics;

namespace Wellhouse.Decline;

internal static partial class LevenbergMarquardt
{
    /// <summary>
    /// The one-pass sums of <see cref="Evaluate{TShape}"/> for the Arps hyperbolic, four points at a time with
    /// Vector256 (AVX2) including the logarithm. Same formulas as <see cref="HyperbolicShape"/>: the series near
    /// x = b Di t = 0 is chosen per lane. With a finite switch time it is the modified hyperbolic
    /// (<see cref="ModifiedHyperbolicShape"/>): the hyperbolic at min(t, t_sw) minus Dlim max(t - t_sw, 0), whose
    /// gradient is the hyperbolic gradient at min(t, t_sw).
    /// </summary>
    private static NormalSums HyperbolicSums(
        ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> w, double d, double b, double reference,
        double switchTime, double terminalDecline)
    {
        var n = t.Length;
        var i = 0;
        NormalSums sums = default;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var vd = Vector256.Create(d);
            var vb = Vector256.Create(b);
            var vr = Vector256.Create(reference);
            var one = Vector256<double>.One;
            var threshold = Vector256.Create(1e-3);
            var half = Vector256.Create(0.5);
            var twoThirds = Vector256.Create(2.0 / 3);
            var third = Vector256.Create(1.0 / 3);
            var quarter = Vector256.Create(0.25);
            var threeQuarters = Vector256.Create(0.75);
            var vsw = Vector256.Create(switchTime);
            var vtail = Vector256.Create(terminalDecline);
            NormalSums256 lanes = default;
            for (; i <= n - 4; i += 4)
            {
                var tRaw = Vector256.Create(t.Slice(i, 4));
                var tv = Vector256.Min(tRaw, vsw);
                var yv = Vector256.Create(y.Slice(i, 4));
                var wv = Vector256.Create(w.Slice(i, 4));
                var dt = vd * tv;
                var x = vb * dt;
                var inv = one / (one + x);
                var g0 = -(tv * inv);
                var small = Vector256.LessThan(Vector256.Abs(x), threshold);
                var l = Vector256.Log(one + x);
                var invX = one / x;
                var dt2 = dt * dt;
                var g1 = Vector256.ConditionalSelect(small,
                    dt2 * (half - (x * (twoThirds - (threeQuarters * x)))),
                    dt2 * (l - (x * inv)) * invX * invX);
                var f = Vector256.ConditionalSelect(small,
                    -(dt * (one - (x * (half - (x * (third - (quarter * x))))))),
                    -(dt * l * invX)) - (vtail * Vector256.Max(tRaw - vsw, Vector256<double>.Zero));
                lanes.Add(wv, yv - f - vr, g0, g1);
            }

            sums = lanes.Reduce();
        }

        Span<double> g = stackalloc double[2];
        for (; i < n; i++)
        {
            var wi = w[i];
            var f = HyperbolicShape.Evaluate(Math.Min(t[i], switchTime), d, b, g)
                - (terminalDecline * Math.Max(t[i] - switchTime, 0));
            sums.Add(wi, y[i] - f - reference, g[0], g[1]);
        }

        return sums;
    }

    /// <summary>Residuals e_i = ln qi + f(t_i; p) - y_i, SIMD for the hyperbolic.</summary>
    public static void Residuals<TShape>(
        TShape shape, ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, double logQi,
        Span<double> residuals)
        where TShape : struct, ILogRateShape
    {
        var i = 0;
        var switchTime = double.PositiveInfinity;
        var terminal = 0.0;
        var simd = typeof(TShape) == typeof(HyperbolicShape)
            || (typeof(TShape) == typeof(ModifiedHyperbolicShape) && SimdSwitch((ModifiedHyperbolicShape)(object)shape, p, out switchTime, out terminal));
        var fixedB = typeof(TShape) == typeof(FixedBShape);
        if ((simd || fixedB) && Vector256.IsHardwareAccelerated)
        {
            var vsw = Vector256.Create(switchTime);
            var vtail = Vector256.Create(terminal);
            var vd = Vector256.Create(p[0]);
            var vb = Vector256.Create(fixedB ? ((FixedBShape)(object)shape).B : p[1]);
            var vq = Vector256.Create(logQi);
            var one = Vector256<double>.One;
            var threshold = Vector256.Create(1e-3);
            var half = Vector256.Create(0.5);
            var third = Vector256.Create(1.0 / 3);
            var quarter = Vector256.Create(0.25);
            for (; i <= t.Length - 4; i += 4)
            {
                var tRaw = Vector256.Create(t.Slice(i, 4));
                var dt = vd * Vector256.Min(tRaw, vsw);
                var x = vb * dt;
                var small = Vector256.LessThan(Vector256.Abs(x), threshold);
                var f = Vector256.ConditionalSelect(small,
                    -(dt * (one - (x * (half - (x * (third - (quarter * x))))))),
                    -(dt * Vector256.Log(one + x) / x)) - (vtail * Vector256.Max(tRaw - vsw, Vector256<double>.Zero));
                (vq + f - Vector256.Create(y.Slice(i, 4))).CopyTo(residuals.Slice(i, 4));
            }
        }

        Span<double> gradient = stackalloc double[MaxParameters];
        for (; i < t.Length; i++)
        {
            residuals[i] = logQi + shape.Evaluate(t[i], p, gradient) - y[i];
        }
    }

    /// <summary>The switch time and terminal decline of a modified hyperbolic for the SIMD pass; false when the
    /// curve is exponential from the start (t_sw = 0), which the scalar path handles.</summary>
    internal static bool SimdSwitch(ModifiedHyperbolicShape shape, ReadOnlySpan<double> p, out double switchTime, out double terminal)
    {
        terminal = shape.TerminalDecline;
        switchTime = ModifiedHyperbolicModel.ComputeSwitchTime(p[0], p[1], terminal);
        if (!double.IsFinite(switchTime))
        {
            terminal = 0;
        }

        return switchTime > 0;
    }
}
