namespace Wellhouse.Decline;

/// <summary>Median and robust scale without sorting (Hoare's selection, 1961).</summary>
internal static class RobustStatistics
{
    /// <summary>Consistency factor of the median absolute deviation for normal noise (Hampel 1974).</summary>
    public const double MadToSigma = 1.482602218505602;

    /// <summary>The median of <paramref name="scratch"/>; reorders it.</summary>
    public static double Median(Span<double> scratch)
    {
        var n = scratch.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        var upper = Select(scratch, n / 2);
        if ((n & 1) == 1)
        {
            return upper;
        }

        var lower = double.NegativeInfinity;
        for (var i = 0; i < n / 2; i++)
        {
            lower = Math.Max(lower, scratch[i]);
        }

        return 0.5 * (lower + upper);
    }

    /// <summary>The k-th smallest value; afterwards values before k are &lt;= it and values after are &gt;= it.</summary>
    public static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            var pivot = a[lo + ((hi - lo) / 2)];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot)
                {
                    i++;
                }

                while (a[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }

        return a[k];
    }
}
