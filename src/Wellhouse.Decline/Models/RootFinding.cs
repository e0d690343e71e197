namespace Wellhouse.Decline;

/// <summary>Numeric inversion of a decreasing rate curve, for models without a closed-form time to rate.</summary>
internal static class RootFinding
{
    /// <summary>The longest time searched, days (1,000 years): beyond it the rate counts as never reached.</summary>
    public const double Horizon = 365_250;

    /// <summary>First t with q(t) &lt;= rate, by bracketing on a doubling grid and bisection on ln q.</summary>
    public static double TimeToRate(IDeclineModel model, double rate)
    {
        if (rate >= model.InitialRate)
        {
            return 0;
        }

        if (rate <= 0)
        {
            return double.PositiveInfinity;
        }

        double lo = 0, hi = 1;
        while (model.Rate(hi) > rate)
        {
            lo = hi;
            hi *= 2;
            if (hi > Horizon)
            {
                return double.PositiveInfinity;
            }
        }

        var target = Math.Log(rate);
        for (var i = 0; i < 200 && hi - lo > 1e-9 * hi; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (Math.Log(model.Rate(mid)) > target)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }
}
