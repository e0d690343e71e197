using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Wellhouse.Decline;

/// <summary>
/// The one-pass weighted sums behind a Gauss-Newton step of a two-parameter log-rate shape with qi profiled out
/// (<see cref="LevenbergMarquardt"/>): for weights w, residuals d and gradients g = (g0, g1), the sums of w, w d,
/// w d^2, w g, w g d and the lower triangle of w g g^T. Every pass (scalar, SIMD, each shape) accumulates through this
/// one type, so the arithmetic is the same everywhere.
/// </summary>
internal struct NormalSums
{
    public double W;
    public double D;
    public double DD;
    public double G0;
    public double G1;
    public double D0;
    public double D1;
    public double G00;
    public double G10;
    public double G11;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double w, double d, double g0, double g1)
    {
        var wd = w * d;
        W += w;
        D += wd;
        DD += wd * d;
        var wg0 = w * g0;
        var wg1 = w * g1;
        G0 += wg0;
        G1 += wg1;
        D0 += wg0 * d;
        D1 += wg1 * d;
        G00 += wg0 * g0;
        G10 += wg1 * g0;
        G11 += wg1 * g1;
    }

    /// <summary>The gradient sums of the first <paramref name="count"/> (1 or 2) parameters, in the layout of
    /// <see cref="LevenbergMarquardt"/>'s general pass: sg[a], sgd[a], sgg[a * count + c] for c &lt;= a.</summary>
    public readonly void CopyGradientSums(int count, Span<double> sg, Span<double> sgd, Span<double> sgg)
    {
        (sg[0], sgd[0], sgg[0]) = (G0, D0, G00);
        if (count == 2)
        {
            (sg[1], sgd[1], sgg[2], sgg[3]) = (G1, D1, G10, G11);
        }
    }
}

/// <summary><see cref="NormalSums"/> four points at a time (Vector256 lanes), reduced to scalars at the end.</summary>
internal struct NormalSums256
{
    private Vector256<double> w;
    private Vector256<double> d;
    private Vector256<double> dd;
    private Vector256<double> g0;
    private Vector256<double> g1;
    private Vector256<double> d0;
    private Vector256<double> d1;
    private Vector256<double> g00;
    private Vector256<double> g10;
    private Vector256<double> g11;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(Vector256<double> weight, Vector256<double> residual, Vector256<double> gradient0, Vector256<double> gradient1)
    {
        var wd = weight * residual;
        w += weight;
        d += wd;
        dd += wd * residual;
        var wg0 = weight * gradient0;
        var wg1 = weight * gradient1;
        g0 += wg0;
        g1 += wg1;
        d0 += wg0 * residual;
        d1 += wg1 * residual;
        g00 += wg0 * gradient0;
        g10 += wg1 * gradient0;
        g11 += wg1 * gradient1;
    }

    public readonly NormalSums Reduce() => new()
    {
        W = Vector256.Sum(w),
        D = Vector256.Sum(d),
        DD = Vector256.Sum(dd),
        G0 = Vector256.Sum(g0),
        G1 = Vector256.Sum(g1),
        D0 = Vector256.Sum(d0),
        D1 = Vector256.Sum(d1),
        G00 = Vector256.Sum(g00),
        G10 = Vector256.Sum(g10),
        G11 = Vector256.Sum(g11),
    };
}
