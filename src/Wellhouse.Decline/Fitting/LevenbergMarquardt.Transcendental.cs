using System.Runtime.Intrinsics;

namespace Wellhouse.Decline;

internal static partial class LevenbergMarquardt
{
    /// <summary>
    /// The one-pass sums of <see cref="Evaluate{TShape}"/> for Duong (<see cref="DuongShape"/>, p = (a, m)) or the
    /// stretched exponential (<see cref="StretchedExponentialShape"/>, p = (tau, n)), four points at a time with
    /// Vector256 (logarithm and exponential per lane); same formulas as the shapes, whose scalar code does the tail.
    /// Duong's s^(1-m) - 1 is exp(u) - 1 here instead of expm1(u): with |1 - m| &gt;= 0.001 the difference is below
    /// 1e-12 in ln q, far under the noise of any production data.
    /// </summary>
    private static NormalSums TranscendentalSums<TShape>(
        TShape shape, ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> w, ReadOnlySpan<double> p,
        double reference)
        where TShape : struct, ILogRateShape
    {
        var n = t.Length;
        var i = 0;
        var duong = typeof(TShape) == typeof(DuongShape);
        NormalSums sums = default;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var one = Vector256<double>.One;
            var zero = Vector256<double>.Zero;
            var vr = Vector256.Create(reference);
            var va = Vector256.Create(p[0]);
            var vm = Vector256.Create(p[1]);
            var vk = Vector256.Create(1 - p[1]);
            var vaOverK = Vector256.Create(p[0] / (1 - p[1]));
            var vLogTau = Vector256.Create(Math.Log(p[0]));
            var vnOverTau = Vector256.Create(p[1] / p[0]);
            NormalSums256 lanes = default;
            for (; i <= n - 4; i += 4)
            {
                var tv = Vector256.Create(t.Slice(i, 4));
                Vector256<double> f, g0, g1;
                if (duong)
                {
                    // Duong (SPE-137748), s = 1 + t: see DuongShape.
                    var ls = Vector256.Log(one + tv);
                    var power = Vector256.Exp(vk * ls);
                    var g = (power - one) / vk;
                    g0 = g;
                    g1 = -ls + (vaOverK * g) - (vaOverK * power * ls);
                    f = -(vm * ls) + (va * g);
                }
                else
                {
                    // Stretched exponential (SPE-119369): see StretchedExponentialShape; t <= 0 contributes f = 0.
                    var positive = Vector256.GreaterThan(tv, zero);
                    var lr = Vector256.Log(tv) - vLogTau;
                    var power = Vector256.Exp(vm * lr);
                    g0 = Vector256.ConditionalSelect(positive, vnOverTau * power, zero);
                    g1 = Vector256.ConditionalSelect(positive, -(power * lr), zero);
                    f = Vector256.ConditionalSelect(positive, -power, zero);
                }

                var yv = Vector256.Create(y.Slice(i, 4));
                var wv = Vector256.Create(w.Slice(i, 4));
                lanes.Add(wv, yv - f - vr, g0, g1);
            }

            sums = lanes.Reduce();
        }

        Span<double> gradient = stackalloc double[MaxParameters];
        for (; i < n; i++)
        {
            var wi = w[i];
            if (wi <= 0)
            {
                continue;
            }

            var f = shape.Evaluate(t[i], p, gradient);
            sums.Add(wi, y[i] - f - reference, gradient[0], gradient[1]);
        }

        return sums;
    }
}
