using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// The C# model <c>ml_predictions_raw</c> (docs/domain.md, "Trendlines and moving averages"): per well, stream and
/// producing period of <c>int_ml_trendlines_input</c>, a robust LOWESS trend of ln(producing-day rate) on time (uptime-weighted, two
/// robustness iterations) and the robust z-score of the residual (residual / sigma, sigma = 1.4826 x MAD but at least
/// the var <c>trendline_min_sigma</c> in ln units). It writes the trend rate and the series' sigma (one value per well
/// and stream, which DuckDB stores run-length encoded); the view <c>int_ml_trendlines_output</c> joins the actual rate
/// from <c>int_ml_trendlines_input</c> and computes the z-score (ln actual - ln trend) / sigma and the outlier flag
/// (|z| above the var <c>trendline_outlier_z</c>), and names the stream as text again. Stored, the z-score was a third
/// of the table and the actual rate another 40 % (doubles that compress poorly; docs/warehouse.md, "Snapshot size").
/// The floor matters on smooth daily data: there the MAD is a few percent, and without it every ordinary 10-15 %
/// day-to-day swing would be flagged (on Volve, 19 % of one well's days were). Deterministic: no randomness (rows are
/// written in no particular order, the values do not depend on it).
/// </summary>
internal sealed partial class TrendlinePredictionsModel : ICSharpModel
{
    /// <summary>Neighbours of each local line (a trailing and leading fortnight of daily data, a year of monthly
    /// data): a bounded window keeps the cost linear in the series' length.</summary>
    private const int Neighbors = 15;

    /// <summary>1.4826 x MAD estimates the standard deviation of normal residuals robustly.</summary>
    private const double MadToSigma = 1.4826;

    /// <summary>The trend rate's significant digits as stored: a relative step of at most 5e-6, four orders of
    /// magnitude below the trend's own uncertainty (a local line through 15 points whose scatter sigma is floored at
    /// 0.1 in ln units). Rounded to decimals, the trend compresses in DuckDB (ALP) to about 40 % of full doubles: it
    /// was the snapshot's largest column (docs/warehouse.md, "Snapshot size").</summary>
    internal const int TrendDigits = 6;

    public string Name => "ml_predictions_raw";

    public IReadOnlyList<string> DependsOn { get; } = ["int_ml_trendlines_input", "int_refresh_wells"];

    public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var minSigma = ModelVars.Number(context, "trendline_min_sigma", 0.1);
        var filter = await IncrementalWells.PrepareAsync(context, () => context.CreateTargetAsync(Columns, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
        try
        {
            await WriteAsync(context, filter, sorted: false, minSigma, cancellationToken).ConfigureAwait(false);
        }
        catch (WellOrderException)
        {
            // The input's rows were not stored in well order: the writers' rows were not committed (a failed writer
            // abandons them); emptied anyway, then every well is read again, sorted.
            context.Log?.Invoke("ml_predictions_raw: int_ml_trendlines_input's rows are not stored in well order; reading them sorted");
            await context.ExecuteAsync($"delete from {context.Target}", cancellationToken).ConfigureAwait(false);
            await WriteAsync(context, filter, sorted: true, minSigma, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="value"/> to <paramref name="digits"/> significant decimal digits: the double nearest to
    /// the decimal (an integer times an exact power of ten, one correctly rounded operation); NaN, infinities and 0 as
    /// they are.</summary>
    internal static double RoundToSignificant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value))) - digits + 1;
        // Powers of ten up to 1e22 are exact doubles; beyond, the value is left as it is (rates never get there).
        if (exponent < -22 || exponent > 22)
        {
            return value;
        }

        return exponent < 0
            ? Math.Round(value * Pow10[-exponent], MidpointRounding.AwayFromZero) / Pow10[-exponent]
            : Math.Round(value / Pow10[exponent], MidpointRounding.AwayFromZero) * Pow10[exponent];
    }

    private static readonly double[] Pow10 = [.. Enumerable.Range(0, 23).Select(e => double.Parse("1e" + e, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Fits one series: trend rates (to <see cref="TrendDigits"/> significant digits), the residual scale sigma (ln units) and the residual z-scores, index by
    /// index. The residual is ln(rate) - ln(trend), the expression the view int_ml_trendlines_output evaluates on the
    /// input's rate and the stored trend rate, so its z-scores are these.</summary>
    internal static (WellSeries Series, double[] Trend, double Sigma, double[] Z) Fit(WellSeries series, double minSigma)
    {
        var n = series.Count;
        var x = new double[n];
        var y = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = series.Periods[i].DayNumber - series.Periods[0].DayNumber;
            y[i] = Math.Log(series.Rates[i]);
            weights[i] = Math.Clamp(series.DaysOn[i], 0.05, 1);
        }

        var smooth = Lowess.Smooth(x, y, weights, Math.Min(n, Neighbors), robustnessIterations: 2);
        var trend = new double[n];
        var residuals = new double[n];
        var absolute = new double[n];
        for (var i = 0; i < n; i++)
        {
            trend[i] = RoundToSignificant(Math.Exp(smooth[i]), TrendDigits);
            residuals[i] = y[i] - Math.Log(trend[i]);
            absolute[i] = Math.Abs(residuals[i]);
        }

        var sigma = Math.Max(MadToSigma * Lowess.Median(absolute), minSigma);
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            z[i] = sigma > 0 ? residuals[i] / sigma : 0;
        }

        return (series, trend, sigma, z);
    }
}
