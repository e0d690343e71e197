namespace Wellhouse.Decline;

/// <summary>Well-conditioned building blocks shared by the models (no cancellation near b = 0 and b = 1).</summary>
internal static class NumericHelpers
{
    /// <summary>log1p(x) / x, continuous at x = 0 (value 1).</summary>
    public static double Log1pOverX(double x) => Math.Abs(x) < 1e-8 ? 1 - (x / 2) : Log1p(x) / x;

    /// <summary>expm1(z) / z, continuous at z = 0 (value 1).</summary>
    public static double Expm1OverZ(double z) => Math.Abs(z) < 1e-8 ? 1 + (z / 2) : Expm1(z) / z;

    /// <summary>ln(1 + x) accurate for small x (Goldberg's trick, "What every computer scientist should know", 1991).</summary>
    public static double Log1p(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^z - 1 accurate for small z (Kahan's trick: (u - 1) z / ln u with u = e^z).</summary>
    public static double Expm1(double z)
    {
        if (Math.Abs(z) > 0.5)
        {
            return Math.Exp(z) - 1;
        }

        var u = Math.Exp(z);
        if (u == 1)
        {
            return z;
        }

        var um1 = u - 1;
        return um1 == -1 ? -1 : um1 * z / Math.Log(u);
    }
}
