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
    private static void TranscendentalSums<TShape>(
        TShape shape, ReadOnlySpan<double> t, ReadOnlySpan<double> y, ReadOnlySpan<double> w, ReadOnlySpan<double> p,
        double reference, Span<double> sums)
        where TShape : struct, ILogRateShape
    {
        var n = t.Length;
        var i = 0;
        var duong = typeof(TShape) == typeof(DuongShape);
        double sw = 0, sd = 0, sdd = 0, s0 = 0, s1 = 0, sd0 = 0, sd1 = 0, s00 = 0, s10 = 0, s11 = 0;
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
            Vector256<double> aw = default, ad = default, add = default, a0 = default, a1 = default;
            Vector256<double> ad0 = default, ad1 = default, a00 = default, a10 = default, a11 = default;
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
                var dv = yv - f - vr;
                var wd = wv * dv;
                aw += wv;
                ad += wd;
                add += wd * dv;
                var wg0 = wv * g0;
                var wg1 = wv * g1;
                a0 += wg0;
                a1 += wg1;
                ad0 += wg0 * dv;
                ad1 += wg1 * dv;
                a00 += wg0 * g0;
                a10 += wg1 * g0;
                a11 += wg1 * g1;
            }

            (sw, sd, sdd) = (Vector256.Sum(aw), Vector256.Sum(ad), Vector256.Sum(add));
            (s0, s1, sd0, sd1) = (Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(ad0), Vector256.Sum(ad1));
            (s00, s10, s11) = (Vector256.Sum(a00), Vector256.Sum(a10), Vector256.Sum(a11));
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
            var dv = y[i] - f - reference;
            var wd = wi * dv;
            sw += wi;
            sd += wd;
            sdd += wd * dv;
            var wg0 = wi * gradient[0];
            var wg1 = wi * gradient[1];
            s0 += wg0;
            s1 += wg1;
            sd0 += wg0 * dv;
            sd1 += wg1 * dv;
            s00 += wg0 * gradient[0];
            s10 += wg1 * gradient[0];
            s11 += wg1 * gradient[1];
        }

        (sums[0], sums[1], sums[2], sums[3], sums[4]) = (sw, sd, sdd, s0, s1);
        (sums[5], sums[6], sums[7], sums[8], sums[9]) = (sd0, sd1, s00, s10, s11);
    }
}
