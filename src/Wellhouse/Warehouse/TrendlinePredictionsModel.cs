using System.Globalization;
using Wellhouse.Transform.Execution;
using Wellhouse.Transform.Execution.Models;
using Wellhouse.Transform.Graph;

namespace Wellhouse.Warehouse;

/// <summary>
/// The C# model <c>ml_predictions_raw</c> (docs/domain.md, "Trendlines and moving averages"): per well, stream and
/// producing period of <c>int_ml_trendlines_input</c>, a robust trend of ln(producing-day rate) on time and the robust
/// z-score of the residual (residual / sigma, sigma = 1.4826 x MAD but at least the var <c>trendline_min_sigma</c> in ln
/// units). The periods before the data's as-of month (the months complete at <c>int_well_status.data_as_of_date</c>,
/// as <see cref="DeclineFitsModel.FittedUntil"/> gives them; every period of a well without an as-of date) get a robust
/// LOWESS (uptime-weighted, two robustness iterations), and sigma is their residuals'; each period of the as-of month is
/// scored causally, against the trend of the periods before it (<see cref="CausalTrend"/>), so that a new day adds its
/// own rows and changes none (docs/warehouse.md, "New rows only"): today's point scored against a trend it did not
/// shape. It writes the trend rate and the series' sigma (one value per well and stream, which DuckDB stores
/// run-length encoded); the view <c>int_ml_trendlines_output</c> joins the actual rate from
/// <c>int_ml_trendlines_input</c> and computes the z-score (ln actual - ln trend) / sigma and the outlier flag (|z| above
/// the var <c>trendline_outlier_z</c>), and names the stream as text again. Stored, the z-score was a third of the table
/// and the actual rate another 40 % (doubles that compress poorly; docs/warehouse.md, "Snapshot size"). The floor
/// matters on smooth daily data: there the MAD is a few percent, and without it every ordinary 10-15 % day-to-day swing
/// would be flagged (on Volve, 19 % of one well's days were). Deterministic: no randomness (rows are written in no
/// particular order, the values do not depend on it).
/// </summary>
internal sealed partial class TrendlinePredictionsModel : ICSharpModel
{
    /// <summary>Neighbours of each local line (a trailing and leading fortnight of daily data, a year of monthly
    /// data): a bounded window keeps the cost linear in the series' length. A point of the as-of month is scored on as
    /// many points before it.</summary>
    private const int Neighbors = 15;

    /// <summary>1.4826 x MAD estimates the standard deviation of normal residuals robustly.</summary>
    private const double MadToSigma = 1.4826;

    /// <summary>The trend rate's significant digits as stored: a relative step of at most 5e-6, four orders of
    /// magnitude below the trend's own uncertainty (a local line through 15 points whose scatter sigma is floored at
    /// 0.1 in ln units). Rounded to decimals, the trend compresses in DuckDB (ALP) to about 40 % of full doubles: it
    /// was the snapshot's largest column (docs/warehouse.md, "Snapshot size").</summary>
    internal const int TrendDigits = 6;

    public string Name => "ml_predictions_raw";

    public IReadOnlyList<string> DependsOn { get; } = ["int_ml_trendlines_input", "int_well_status", "int_refresh_wells"];

    public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var minSigma = ModelVars.Number(context, "trendline_min_sigma", 0.1);
        var scoredFrom = ScoredFrom(context, cancellationToken);
        // The day wells fitted again whole for stored rows that did not match the input: written below only by a build
        // that keeps day wells' rows, so that a table left from an earlier build never names what this one kept.
        await context.ExecuteAsync($"drop table if exists {RefitsTable(context)}", cancellationToken).ConfigureAwait(false);
        string filter;
        if (context.IsIncremental && ModelVars.Flag(context, "incremental_refresh", false))
        {
            // The day wells whose new rows lie in the as-of month keep their rows: their new rows are scored against
            // the rows before them (which they do not change) and appended. The wells recomputed whole, and the day
            // wells whose new rows reach before the as-of month (their LOWESS changes), are fitted again whole; the
            // application kept every day well's rows (docs/warehouse.md, "New rows only"), so theirs are deleted here.
            var mismatched = AppendNewDays(context, minSigma, cancellationToken);
            await StoreRefitsAsync(context, mismatched, cancellationToken).ConfigureAwait(false);
            var refit = $"""
                select refresh.well_code
                from {context.Ref("int_refresh_wells")} as refresh
                left join {context.Ref("int_well_status")} as status
                    on refresh.well_code = status.well_code
                where refresh.new_from is null or status.data_as_of_date is null
                    or refresh.new_from < {DeclineFitsModel.FittedUntil("status")}
                """;
            if (mismatched.Count > 0)
            {
                refit += $"\nunion all select * from (values {string.Join(", ", mismatched.Select(well => $"({well.ToString(CultureInfo.InvariantCulture)})"))}) as mismatched(well_code)";
            }

            await context.ExecuteAsync($"delete from {context.Target} where well_code in ({refit})", cancellationToken).ConfigureAwait(false);
            filter = $"where well_code in ({refit})";
        }
        else
        {
            filter = await IncrementalWells.PrepareAsync(context, () => context.CreateTargetAsync(Columns, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
        }

        try
        {
            await WriteAsync(context, filter, sorted: false, scoredFrom, minSigma, cancellationToken).ConfigureAwait(false);
        }
        catch (WellOrderException)
        {
            // The input's rows were not stored in well order: the writers' rows were not committed (a failed writer
            // abandons them); emptied anyway, then every well is read again, sorted.
            context.Log?.Invoke("ml_predictions_raw: int_ml_trendlines_input's rows are not stored in well order; reading them sorted");
            await context.ExecuteAsync($"delete from {context.Target}", cancellationToken).ConfigureAwait(false);
            await WriteAsync(context, filter, sorted: true, scoredFrom, minSigma, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The table beside the model's, <c>ml_predictions_raw_refits</c> (one well_code per row), that an incremental build
    /// writes: the day wells whose new rows lie in the as-of month but whose stored rows did not match the input, so
    /// that the build fitted them again whole. With the rule itself (a day well's new rows in the as-of month) it tells
    /// the serving store which day wells' trendline rows before their new rows are the parent's (docs/architecture.md,
    /// "Snapshots", step 4). A full build leaves no such table.
    /// </summary>
    internal static Relation RefitsTable(CSharpModelContext context) => context.Target with { Identifier = context.Node.Name + "_refits" };

    private static async Task StoreRefitsAsync(CSharpModelContext context, IReadOnlyList<int> refits, CancellationToken cancellationToken)
    {
        var table = RefitsTable(context);
        ModelColumn[] columns = [ModelColumn.Integer("well_code")];
        await context.Storage.CreateTableAsync(table, columns, cancellationToken).ConfigureAwait(false);
        using var writer = context.Storage.OpenWriter(table, columns);
        foreach (var well in refits)
        {
            writer.StartRow();
            writer.Write(well);
        }

        writer.Complete();
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

    /// <summary>Per well, the first period scored causally: the first day of the data's as-of month
    /// (<see cref="DeclineFitsModel.FittedUntil"/>). A well without an as-of date has none (every period is fitted).</summary>
    private static Dictionary<int, DateOnly> ScoredFrom(CSharpModelContext context, CancellationToken cancellationToken)
    {
        var scoredFrom = new Dictionary<int, DateOnly>();
        using var status = context.Read(
            $"select status.well_code, {DeclineFitsModel.FittedUntil("status")} from {context.Ref("int_well_status")} as status where status.data_as_of_date is not null",
            cancellationToken);
        while (status.Read())
        {
            scoredFrom[status.GetInt32(0)] = status.GetDate(1);
        }

        return scoredFrom;
    }

    /// <summary>Fits one series: trend rates (to <see cref="TrendDigits"/> significant digits, as stored), the residual scale sigma (ln units) and the residual z-scores, index by
    /// index. The periods before <paramref name="scoredFrom"/> (every period when null) get the robust LOWESS and give
    /// sigma (1.4826 x the median absolute residual, at least <paramref name="minSigma"/>; with no such period,
    /// <paramref name="minSigma"/>); each later period gets <see cref="CausalTrend"/> on the up to
    /// <see cref="Neighbors"/> periods before it, in order, each with the trend written for it. The residual is ln(rate)
    /// - ln(trend), the expression the view int_ml_trendlines_output evaluates on the input's rate and the stored trend
    /// rate, so its z-scores are these.</summary>
    internal static (WellSeries Series, double[] Trend, double Sigma, double[] Z) Fit(WellSeries series, double minSigma, DateOnly? scoredFrom = null)
    {
        var n = series.Count;
        var fitted = n;
        if (scoredFrom is { } from)
        {
            while (fitted > 0 && series.Periods[fitted - 1] >= from)
            {
                fitted--;
            }
        }

        var x = new double[fitted];
        var y = new double[n];
        var weights = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = Math.Log(series.Rates[i]);
            weights[i] = Weight(series.DaysOn[i]);
        }

        for (var i = 0; i < fitted; i++)
        {
            x[i] = series.Periods[i].DayNumber - series.Periods[0].DayNumber;
        }

        var smooth = Lowess.Smooth(x, y.AsSpan(0, fitted), weights.AsSpan(0, fitted), Math.Min(fitted, Neighbors), robustnessIterations: 2);
        var trend = new double[n];
        var logTrend = new double[n];
        var residuals = new double[n];
        var absolute = new double[fitted];
        for (var i = 0; i < fitted; i++)
        {
            trend[i] = RoundToSignificant(Math.Exp(smooth[i]), TrendDigits);
            logTrend[i] = Math.Log(trend[i]);
            residuals[i] = y[i] - logTrend[i];
            absolute[i] = Math.Abs(residuals[i]);
        }

        var sigma = Math.Max(MadToSigma * Lowess.Median(absolute), minSigma);
        if (fitted < n)
        {
            var days = new int[n];
            for (var i = 0; i < n; i++)
            {
                days[i] = series.Periods[i].DayNumber;
            }

            for (var i = fitted; i < n; i++)
            {
                var first = Math.Max(0, i - Neighbors);
                trend[i] = CausalTrend(
                    days.AsSpan(first, i - first), y.AsSpan(first, i - first), weights.AsSpan(first, i - first),
                    logTrend.AsSpan(first, i - first), days[i], series.Rates[i], sigma);
                logTrend[i] = Math.Log(trend[i]);
                residuals[i] = y[i] - logTrend[i];
            }
        }

        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            z[i] = sigma > 0 ? residuals[i] / sigma : 0;
        }

        return (series, trend, sigma, z);
    }

    /// <summary>A period's weight in a local line: its uptime weight, between 0.05 and 1.</summary>
    private static double Weight(double uptime) => Math.Clamp(uptime, 0.05, 1);

    /// <summary>
    /// The trend rate of a period of the as-of month, on <paramref name="day"/>, from the periods before it (the up to
    /// <see cref="Neighbors"/> nearest, oldest first: their day numbers, ln rates, uptime weights and ln trends as
    /// written): the weighted least-squares line through them, evaluated at <paramref name="day"/>, each point weighted
    /// by its tricube distance weight (as LOWESS's), its uptime weight and its robustness weight, the bisquare of its
    /// residual over 6 MADs (6 sigma / 1.4826, with the series' <paramref name="sigma"/>: an earlier outlier does not
    /// pull the trend). When every earlier point is such an outlier (a change of level), the line weighs them without
    /// robustness. A period with no period before it is its own trend (<paramref name="rate"/>). The trend is rounded to
    /// <see cref="TrendDigits"/> significant digits, as every stored trend.
    /// Only what is written is read (the periods' rates and the trends stored for them), so an incremental build
    /// scoring a new day from the stored rows computes the same number as a full build.
    /// </summary>
    internal static double CausalTrend(
        ReadOnlySpan<int> days, ReadOnlySpan<double> y, ReadOnlySpan<double> weights, ReadOnlySpan<double> logTrend, int day, double rate, double sigma)
    {
        if (days.Length == 0)
        {
            return RoundToSignificant(rate, TrendDigits);
        }

        var line = CausalLine(days, y, weights, logTrend, day, sigma, robust: true)
            ?? CausalLine(days, y, weights, logTrend, day, sigma, robust: false)
            ?? y[^1];
        return RoundToSignificant(Math.Exp(line), TrendDigits);
    }

    private static double? CausalLine(
        ReadOnlySpan<int> days, ReadOnlySpan<double> y, ReadOnlySpan<double> weights, ReadOnlySpan<double> logTrend, int day, double sigma, bool robust)
    {
        var reach = (day - days[0]) * 1.000001;
        var scale = 6 * sigma / MadToSigma;
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (var j = 0; j < days.Length; j++)
        {
            var x = (double)(days[j] - day);
            var d = reach > 0 ? -x / reach : 0;
            var cube = 1 - (d * d * d);
            var w = (d < 1 ? cube * cube * cube : 0) * weights[j];
            if (robust)
            {
                var u = scale > 0 ? Math.Abs(y[j] - logTrend[j]) / scale : 0;
                w *= u < 1 ? (1 - (u * u)) * (1 - (u * u)) : 0;
            }

            if (!(w > 0))
            {
                continue;
            }

            sw += w;
            sx += w * x;
            sy += w * y[j];
            sxx += w * x * x;
            sxy += w * x * y[j];
        }

        if (!(sw > 0))
        {
            return null;
        }

        var meanX = sx / sw;
        var meanY = sy / sw;
        var variance = (sxx / sw) - (meanX * meanX);
        if (variance <= 1e-12 * Math.Max(1, meanX * meanX))
        {
            return meanY;
        }

        var slope = ((sxy / sw) - (meanX * meanY)) / variance;
        return meanY - (slope * meanX);
    }
}
