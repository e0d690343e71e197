namespace Wellhouse.Decline;

public sealed partial class DeclineFit
{
    /// <summary>Per bootstrap sample: the average rate of each forecast period; and the samples' EURs.</summary>
    private List<double[]> Bootstrap(
        ForecastOptions options, List<(DateOnly? Date, double Start, double Days)> periods, out double[] eurs)
    {
        var result = new List<double[]>(options.BootstrapSamples);
        var eurList = new List<double>(options.BootstrapSamples);
        if (options.BootstrapSamples == 0)
        {
            eurs = [];
            return result;
        }

        var n = Data.Count;
        var fitted = new double[n];
        var residuals = new double[n];
        for (var i = 0; i < n; i++)
        {
            fitted[i] = Math.Log(Model.Rate(Data.T[i]));
            residuals[i] = Data.Y[i] - fitted[i];
        }

        var absolute = residuals.Select(Math.Abs).ToArray();
        var limit = 3 * RobustStatistics.MadToSigma * RobustStatistics.Median(absolute);
        for (var i = 0; i < n; i++)
        {
            residuals[i] = Math.Clamp(residuals[i], -limit, limit);
        }

        var random = new Random(options.Seed);
        var ystar = new double[n];
        Span<double> p = stackalloc double[LevenbergMarquardt.MaxParameters];
        for (var s = 0; s < options.BootstrapSamples; s++)
        {
            for (var i = 0; i < n; i++)
            {
                ystar[i] = fitted[i] + residuals[random.Next(n)];
            }

            Candidate.Parameters.CopyTo(p);
            if (!DeclineFitter.SolvePlain(Kind, Data.T, ystar, Candidate.Weights, p, Options, out var sampleLogQi))
            {
                continue;
            }

            IDeclineModel model;
            try
            {
                model = BuildModel(Kind, Math.Exp(sampleLogQi), p, Options);
            }
            catch (ArgumentOutOfRangeException)
            {
                continue;
            }

            var rates = new double[periods.Count];
            for (var j = 0; j < periods.Count; j++)
            {
                var (_, start, days) = periods[j];
                rates[j] = (model.Cumulative(start + days - StartDay) - model.Cumulative(start - StartDay)) / days;
            }

            result.Add(rates);
            eurList.Add(HistoryCumulative + RemainingVolume(model, options.EconomicLimitRate, options.TimeCapDays));
        }

        eurs = [.. eurList];
        return result;
    }
}
