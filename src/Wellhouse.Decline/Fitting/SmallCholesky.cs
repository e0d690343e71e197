namespace Wellhouse.Decline;

/// <summary>Cholesky solve of a small symmetric positive definite system, row-major k x k (k &lt;= 3).</summary>
internal static class SmallCholesky
{
    public static bool Solve(int k, Span<double> a, ReadOnlySpan<double> b, Span<double> x)
    {
        // In-place A = L L^T (lower triangle).
        for (var j = 0; j < k; j++)
        {
            var s = a[(j * k) + j];
            for (var m = 0; m < j; m++)
            {
                s -= a[(j * k) + m] * a[(j * k) + m];
            }

            if (!(s > 0) || !double.IsFinite(s))
            {
                return false;
            }

            var ljj = Math.Sqrt(s);
            a[(j * k) + j] = ljj;
            for (var i = j + 1; i < k; i++)
            {
                var v = a[(i * k) + j];
                for (var m = 0; m < j; m++)
                {
                    v -= a[(i * k) + m] * a[(j * k) + m];
                }

                a[(i * k) + j] = v / ljj;
            }
        }

        for (var i = 0; i < k; i++)
        {
            var v = b[i];
            for (var m = 0; m < i; m++)
            {
                v -= a[(i * k) + m] * x[m];
            }

            x[i] = v / a[(i * k) + i];
        }

        for (var i = k - 1; i >= 0; i--)
        {
            var v = x[i];
            for (var m = i + 1; m < k; m++)
            {
                v -= a[(m * k) + i] * x[m];
            }

            x[i] = v / a[(i * k) + i];
        }

        return true;
    }
}
