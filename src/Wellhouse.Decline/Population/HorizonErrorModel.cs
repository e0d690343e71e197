namespace Wellhouse.Decline;

/// <summary>
/// What the population's past says about one cohort at one horizon h: for past anchors of wells of the cohort,
/// y = ln(actual volume through month h / flat forecast) and, where the well's own fit existed, x = ln(own fit /
/// level). The forecast is y = alpha + beta x + e: beta in [0, 1] shrinks the well's own curve towards the cohort's
/// type curve (alpha), learned by least squares on those past anchors (an empirical-Bayes blend), and the quantiles of
/// the residuals e are the P10/P50/P90 (the population's own past forecast errors). Without a fit, beta = 0 and the
/// quantiles of y are the cohort's type curve and its spread.
/// </summary>
internal sealed class HorizonErrorModel
{
    private HorizonErrorModel(double alpha, double beta, double q10, double q50, double q90, int samples)
    {
        Alpha = alpha;
        Beta = beta;
        Low = q10;
        Median = q50;
        High = q90;
        Samples = samples;
    }

    public double Alpha { get; }

    public double Beta { get; }

    /// <summary>10th percentile of the residuals (the P90, low, estimate).</summary>
    public double Low { get; }

    public double Median { get; }

    /// <summary>90th percentile of the residuals (the P10, high, estimate).</summary>
    public double High { get; }

    public int Samples { get; }

    /// <summary>Learns the model from (x, y) pairs (x NaN when the anchor had no fit; then beta is 0 and x unused).</summary>
    public static HorizonErrorModel? Learn(List<(double X, double Y)> samples, bool withFit, int minSamples)
    {
        if (samples.Count < minSamples)
        {
            return null;
        }

        double alpha, beta = 0;
        if (withFit)
        {
            // Least squares on the anchors whose outcome is not extreme (a shut-in's floor would lever the slope).
            double sx = 0, sy = 0, sxx = 0, sxy = 0;
            var n = 0;
            foreach (var (x, y) in samples)
            {
                if (Math.Abs(y) < 2)
                {
                    sx += x;
                    sy += y;
                    sxx += x * x;
                    sxy += x * y;
                    n++;
                }
            }

            var vx = (sxx / Math.Max(n, 1)) - ((sx / Math.Max(n, 1)) * (sx / Math.Max(n, 1)));
            beta = n > 2 && vx > 1e-12 ? Math.Clamp(((sxy / n) - (sx / n * (sy / n))) / vx, 0, 1) : 0;
            alpha = n > 0 ? (sy - (beta * sx)) / n : 0;
        }
        else
        {
            alpha = 0;
        }

        var residuals = new double[samples.Count];
        for (var i = 0; i < residuals.Length; i++)
        {
            var (x, y) = samples[i];
            residuals[i] = y - alpha - (withFit ? beta * x : 0);
        }

        return new HorizonErrorModel(alpha, beta, QuantileOf(residuals, 0.1), QuantileOf(residuals, 0.5),
            QuantileOf(residuals, 0.9), samples.Count);
    }

    /// <summary>Writes the model's values (read back by <see cref="Read"/>: the same doubles).</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(Alpha);
        writer.Write(Beta);
        writer.Write(Low);
        writer.Write(Median);
        writer.Write(High);
        writer.Write(Samples);
    }

    /// <summary>A model written by <see cref="Write"/>.</summary>
    internal static HorizonErrorModel Read(BinaryReader reader) => new(
        reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32());

    /// <summary>ln(volume / flat forecast) at the P90 (low), P50 and P10 (high) for a well with fit ratio x.</summary>
    public (double P90, double P50, double P10) Predict(double? x)
    {
        var center = Alpha + (Beta * (x ?? 0));
        return (center + Low, center + Median, center + High);
    }

    /// <summary>The <paramref name="q"/> quantile of <paramref name="values"/> (reordered; not sorted): the same value as
    /// <see cref="Quantile"/> of the sorted values, by selection (Hoare 1961) of the two order statistics it reads.</summary>
    internal static double QuantileOf(double[] values, double q)
    {
        if (Array.Exists(values, double.IsNaN))
        {
            Array.Sort(values);
            return Quantile(values, q);
        }

        var h = (values.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var low = RobustStatistics.Select(values, lo);
        var high = low;
        if (lo + 1 < values.Length)
        {
            high = values[lo + 1];
            for (var i = lo + 2; i < values.Length; i++)
            {
                high = Math.Min(high, values[i]);
            }
        }

        return low + ((h - lo) * (high - low));
    }

    /// <summary>The <paramref name="q"/> quantile of sorted values (linear between the two nearest ranks).</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
