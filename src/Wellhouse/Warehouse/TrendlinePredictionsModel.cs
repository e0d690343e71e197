using Wellhouse.Transform.Execution;

namespace Wellhouse.Warehouse;

/// <summary>
/// The C# model <c>ml_predictions_raw</c> (DOMAIN.md, "Trendlines"): per well, stream and producing period of
/// <c>int_ml_trendlines_input</c>, a robust LOWESS trend of ln(producing-day rate) on time (uptime-weighted, two
/// robustness iterations), the robust z-score of the residual (residual / sigma, sigma = 1.4826 x MAD but at least the
/// var <c>trendline_min_sigma</c> in ln units) and an outlier flag (|z| above the var <c>trendline_outlier_z</c>).
/// It also writes the actual rate it read, so <c>int_ml_trendlines_output</c> reads this table alone.
/// The floor matters on smooth daily data: there the MAD is a few percent, and without it every ordinary 10-15 %
/// day-to-day swing would be flagged (on Volve, 19 % of one well's days were). Deterministic: no randomness.
/// </summary>
internal sealed partial class TrendlinePredictionsModel : ICSharpModel
{
    /// <summary>Neighbours of each local line (a trailing and leading fortnight of daily data, a year of monthly
    /// data): a bounded window keeps the cost linear in the series' length.</summary>
    private const int Neighbors = 15;

    private const int BatchSeries = 1024;

    /// <summary>1.4826 x MAD estimates the standard deviation of normal residuals robustly.</summary>
    private const double MadToSigma = 1.4826;

    public string Name => "ml_predictions_raw";

    public IReadOnlyList<string> DependsOn { get; } = ["int_ml_trendlines_input"];

    public async Task ExecuteAsync(CSharpModelContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outlierZ = ModelVars.Number(context, "trendline_outlier_z", 3.0);
        var minSigma = ModelVars.Number(context, "trendline_min_sigma", 0.1);
        using (var command = context.Connection.CreateCommand())
        {
            command.CommandText = $"""
                create table {context.Target} (
                    well_code integer,
                    stream varchar,
                    production_period date,
                    actual_rate double,
                    trend_rate double,
                    residual_z double,
                    is_outlier boolean
                )
                """;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var target = context.Target;
        using var appender = context.Connection.CreateAppender(target.Database, target.Schema, target.Identifier);
        foreach (var batch in ReadSeries(context, cancellationToken).Chunk(BatchSeries))
        {
            var results = batch.AsParallel().AsOrdered().WithCancellation(cancellationToken)
                .Select(item => (Fit: Fit(item.Series, minSigma), item.Actual)).ToList();
            foreach (var ((series, trend, z), actual) in results)
            {
                for (var i = 0; i < series.Count; i++)
                {
                    appender.CreateRow()
                        .AppendValue(series.WellCode)
                        .AppendValue(series.Stream)
                        .AppendValue(series.Periods[i])
                        .AppendValue(actual[i])
                        .AppendValue(trend[i])
                        .AppendValue(z[i])
                        .AppendValue(Math.Abs(z[i]) > outlierZ)
                        .EndRow();
                }
            }
        }
    }

    /// <summary>Fits one series: trend rates and residual z-scores, index by index.</summary>
    internal static (WellSeries Series, double[] Trend, double[] Z) Fit(WellSeries series, double minSigma)
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
        var residuals = new double[n];
        for (var i = 0; i < n; i++)
        {
            residuals[i] = y[i] - smooth[i];
        }

        var absolute = residuals.Select(Math.Abs).ToArray();
        var sigma = Math.Max(MadToSigma * Lowess.Median(absolute), minSigma);
        var trend = new double[n];
        var z = new double[n];
        for (var i = 0; i < n; i++)
        {
            trend[i] = Math.Exp(smooth[i]);
            z[i] = sigma > 0 ? residuals[i] / sigma : 0;
        }

        return (series, trend, z);
    }
}
